import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parsePolicy, PolicyError, type PolicyKind } from '../policy';
import type { Fields } from './Fields';
import { withImplicitResource } from './withImplicitResource';

/** Line and column (1-based) of a character offset in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reads a JSON file; a syntax error names the line and column. */
export function readJsonFile(file: string, field: string, f: Fields): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return f.fail(field, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    return f.fail(field, `${file} is not valid JSON${at}: ${message}`);
  }
}

/**
 * A policy of a world file: an inline document, or a JSON file relative to the world file.
 * Validated as IAM validates a policy of that kind (trust policies get their implicit Resource).
 * Records which file each document came from in `files`.
 */
export function readPolicyRef(
  value: unknown,
  field: string,
  kind: PolicyKind | 'trust',
  f: Fields,
  files: Map<unknown, string>,
): Record<string, unknown> {
  let document: unknown;
  let file: string | undefined;
  if (typeof value === 'string') {
    file = isAbsolute(value) ? value : resolve(dirname(f.file), value);
    document = readJsonFile(file, field, f);
  } else {
    document = value;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    f.fail(field, `${file ? `${file} holds` : 'is'} no policy document (a JSON object)`);
  }
  try {
    if (kind === 'trust') parsePolicy(withImplicitResource(document), { kind: 'resource' });
    else parsePolicy(document, { kind });
  } catch (error) {
    if (error instanceof PolicyError) f.fail(field, `${file ? `${file}: ` : ''}invalid policy: ${error.message}`);
    throw error;
  }
  if (file) files.set(document, file);
  return document as Record<string, unknown>;
}
