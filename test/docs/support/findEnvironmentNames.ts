import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** A variable name as written somewhere, or a template of names (`LATTICE_E2E_SERVICE_<NAME>_URL`). */
export interface VariableName {
  /** As written, e.g. `LATTICE_E2E_ROLE_<ACCOUNT>_<ROLE>_ARN`, or `LATTICE_E2E_SERVICE_*` for a code template. */
  name: string;
  /** A template: a placeholder (`<...>`, `*`, a template literal's `${...}`) stands for a part of the name. */
  template: boolean;
  /** The names it stands for (each placeholder one or more of [A-Z0-9_]). */
  pattern: RegExp;
  /** One name it stands for, its placeholders made `X`. */
  sample: string;
  where: string;
}

/** The project's variables, and the AWS SDK endpoint variables it honours; `<...>` or `*` are placeholders. */
const VARIABLE = /\b(?:LATTICE_E2E|AWS_ENDPOINT_URL)_[A-Z0-9_]*(?:(?:<[^>\n]*>|\*)[A-Z0-9_]*)*/g;

/** The families themselves: `LATTICE_E2E_*` speaks of every variable and names none. */
const FAMILY = /^(LATTICE_E2E|AWS_ENDPOINT_URL)_\*?$/;

/** Names in a piece of text; a name ending in `_` is open-ended, as `${...}` after it would be. */
export function namesIn(text: string, where: string): VariableName[] {
  return [...text.matchAll(VARIABLE)].flatMap(([name]) => {
    if (FAMILY.test(name)) return [];
    const template = name.replace(/<[^>]*>/g, '*').replace(/_$/, '_*');
    const pattern = new RegExp(`^${template.split('*').map(escapeRegExp).join('[A-Z0-9_]+')}$`);
    return [{ name, template: template.includes('*'), pattern, sample: template.replaceAll('*', 'X'), where }];
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether two names can be the same variable: equal, or a template fits the other (or its sample). */
export function sameVariable(a: VariableName, b: VariableName): boolean {
  if (!a.template && !b.template) return a.name === b.name;
  return a.pattern.test(b.sample) || b.pattern.test(a.sample);
}

/** The source files under a folder (TypeScript and JavaScript modules), recursively. */
export function sourceFiles(root: string, folder: string, skip: (path: string) => boolean = () => false): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip(path) || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs|js)$/.test(entry.name)) files.push(path);
    }
  };
  walk(folder);
  return files;
}

/**
 * The variable names a source file's code spells: in string and template literals and identifiers
 * (`process.env.NAME`), never in comments. A template literal's `${...}` is a placeholder (`*`).
 */
export function namesInCode(root: string, file: string): VariableName[] {
  const text = readFileSync(join(root, file), 'utf8');
  if (!/LATTICE_E2E_|AWS_ENDPOINT_URL_/.test(text)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const names: VariableName[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      names.push(...namesIn(node.text, where(node)));
    } else if (ts.isTemplateExpression(node)) {
      // `LATTICE_E2E_ROLE_${account}_...`: what follows the first substitution is made at run time.
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('*');
      names.push(...namesIn(text, where(node)));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The names a GitHub workflow uses (`vars.X`, `secrets.X`, `env:` keys), its `#` comments left out. */
export function namesInWorkflow(root: string, file: string): VariableName[] {
  return readFileSync(join(root, file), 'utf8')
    .split('\n')
    .flatMap((line, index) => namesIn(line.replace(/(^|\s)#.*$/, ''), `${file}:${index + 1}`));
}
