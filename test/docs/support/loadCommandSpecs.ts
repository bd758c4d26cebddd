import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './findEnvironmentNames';

/** A command as its spec defines it: the npm script and subcommand it runs under, and its long options. */
export interface DocumentedCommand {
  /** Where the spec is exported, e.g. `harness/cli/parseCliArgs.ts SCENARIO_COMMAND`. */
  source: string;
  /** The npm script, from the spec's name (`npm run report -- html` → `report`). */
  script: string;
  /** The subcommand after `--`, if any (`html`). */
  subcommand?: string;
  /** Long option names, `--env`, `--dry-run`, ... (commander's own `--help` included). */
  options: string[];
}

/**
 * Every command spec the project exports, found by its type (`export const X: CommandSpec = {...}`), not
 * listed by hand. The specs are read from the source rather than imported (importing them loads the AWS
 * SDK: seconds); a spec whose name or options are not written out as literals is an error, never skipped.
 */
export function loadCommandSpecs(root: string, folders: string[]): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];
  for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!/:\s*CommandSpec\b/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.type?.getText(source) !== 'CommandSpec') continue;
        commands.push(readSpec(declaration, `${file} ${declaration.name.getText(source)}`));
      }
    }
  }
  return commands;
}

function readSpec(declaration: ts.VariableDeclaration, where: string): DocumentedCommand {
  const spec = declaration.initializer;
  if (!spec || !ts.isObjectLiteralExpression(spec)) throw new Error(`${where}: not an object literal`);
  const name = literalOf(propertyOf(spec, 'name', where), `${where} name`);
  const named = /^npm run ([\w:-]+) --(?: (\w[\w-]*))?$/.exec(name);
  if (!named) throw new Error(`${where}: name "${name}" is not "npm run <script> --[ <subcommand>]"`);
  const options = propertyOf(spec, 'options', where);
  if (!ts.isArrayLiteralExpression(options)) throw new Error(`${where}: options is not an array literal`);
  const flags = options.elements.map((option, i) => {
    if (!ts.isObjectLiteralExpression(option)) throw new Error(`${where}: options[${i}] is not an object literal`);
    return literalOf(propertyOf(option, 'flags', `${where} options[${i}]`), `${where} options[${i}].flags`);
  });
  const long = flags.flatMap((f) => [...f.matchAll(/--[a-z0-9][a-z0-9-]*/g)].map((m) => m[0]));
  return { source: where, script: named[1]!, subcommand: named[2], options: [...long, '--help'] };
}

function propertyOf(object: ts.ObjectLiteralExpression, key: string, where: string): ts.Expression {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === key) return p.initializer;
  }
  throw new Error(`${where}: no literal "${key}" property`);
}

function literalOf(node: ts.Expression, where: string): string {
  if (ts.isStringLiteralLike(node)) return node.text;
  throw new Error(`${where}: not a string literal`);
}
