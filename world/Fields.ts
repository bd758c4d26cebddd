import { ConfigFileError } from './errors';

/** Small readers for user-authored objects: each failure names the file and the field path. */
export class Fields {
  constructor(readonly file: string) {}

  fail(field: string, detail: string): never {
    throw new ConfigFileError(this.file, field, detail);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(field, `must be an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value === '')
      this.fail(field, `must be a non-empty string, got ${describe(value)}`);
    return value;
  }

  optionalString(value: unknown, field: string): string | undefined {
    return value === undefined ? undefined : this.string(value, field);
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T))
      this.fail(field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
    return value as T;
  }

  stringMap(value: unknown, field: string): Record<string, string> {
    if (value === undefined) return {};
    const obj = this.object(value, field);
    for (const [k, v] of Object.entries(obj)) this.string(v, `${field}.${k}`);
    return obj as Record<string, string>;
  }

  /** Rejects keys that the type does not declare, so a misspelt field is not silently ignored. */
  known(obj: Record<string, unknown>, field: string, keys: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!keys.includes(key))
        this.fail(field ? `${field}.${key}` : key, `unknown field (expected one of: ${keys.join(', ')})`);
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
}
