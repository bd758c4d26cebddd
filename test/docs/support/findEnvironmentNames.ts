import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** A variable name as written somewhere; `prefix` when the rest of the name is made at run time. */
export interface VariableName {
  name: string;
  /** A template (`LATTICE_E2E_SERVICE_<NAME>_URL`, `` `LATTICE_E2E_SERVICE_${name}` ``): compare by its prefix. */
  prefix: boolean;
  where: string;
}

/** The variables of the project, and the AWS SDK endpoint variables it honours. */
export const VARIABLE = /\b(?:LATTICE_E2E|AWS_ENDPOINT_URL)_[A-Z0-9_]*(?:<[^>]*>[A-Z0-9_]*)*/g;

/** The families themselves: `LATTICE_E2E_*` speaks of every variable and names none. */
const FAMILY = /^(LATTICE_E2E|AWS_ENDPOINT_URL)_$/;

/** Names in a piece of text; a `<...>` placeholder (or a `*`) makes the name a prefix. */
export function namesIn(text: string, where: string): VariableName[] {
  return [...text.matchAll(new RegExp(`${VARIABLE.source}(\\*)?`, 'g'))].flatMap((m) => {
    const placeholder = m[0].search(/[<*]/);
    const name = placeholder === -1 ? m[0] : m[0].slice(0, placeholder);
    return FAMILY.test(name) ? [] : [{ name, prefix: placeholder !== -1 || name.endsWith('_'), where }];
  });
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
 * (`process.env.NAME`), never in comments. A template's `${...}` ends the name: it is a prefix.
 */
export function namesInCode(root: string, file: string): VariableName[] {
  const text = readFileSync(join(root, file), 'utf8');
  if (!/LATTICE_E2E_|AWS_ENDPOINT_URL_/.test(text)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const names: VariableName[] = [];
  const where = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
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

/** Whether a name covers another: equal, or one is a template whose prefix the other starts with. */
export function covers(a: VariableName, b: VariableName): boolean {
  if (!a.prefix && !b.prefix) return a.name === b.name;
  if (a.prefix && !b.prefix) return b.name.startsWith(a.name);
  if (!a.prefix && b.prefix) return a.name.startsWith(b.name);
  return a.name.startsWith(b.name) || b.name.startsWith(a.name);
}
