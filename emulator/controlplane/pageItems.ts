import { ControlPlaneError } from './restJson';

/** VPC Lattice's bounds on `maxResults` (the service model: 1 to 100). */
const MAX_RESULTS = { min: 1, max: 100 } as const;

/** The query string of a call, decoded. */
export function queryOf(target: string): URLSearchParams {
  const q = target.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
}

const encode = (operation: string, offset: number) =>
  Buffer.from(JSON.stringify({ o: operation, i: offset })).toString('base64url');

function decode(token: string, operation: string): number {
  const invalid = () =>
    ControlPlaneError.validation('Invalid nextToken', 'fieldValidationFailed', [
      { name: 'nextToken', message: 'Invalid nextToken' },
    ]);
  if (token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { o, i } = (value ?? {}) as { o?: unknown; i?: unknown };
  if (o !== operation || typeof i !== 'number' || !Number.isInteger(i) || i < 0) throw invalid();
  return i;
}

function maxResultsOf(query: URLSearchParams, fallback: number): number {
  const text = query.get('maxResults');
  if (text === null) return fallback;
  const value = /^-?\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(value) && value >= MAX_RESULTS.min && value <= MAX_RESULTS.max) return value;
  const constraint = !Number.isInteger(value)
    ? 'Member must be an integer'
    : value < MAX_RESULTS.min
      ? `Member must have value greater than or equal to ${MAX_RESULTS.min}`
      : `Member must have value less than or equal to ${MAX_RESULTS.max}`;
  const shown = text.length > 32 ? `${text.slice(0, 32)}...` : text;
  throw ControlPlaneError.validation(
    `1 validation error detected: Value '${shown}' at 'maxResults' failed to satisfy constraint: ${constraint}`,
    'fieldValidationFailed',
    [{ name: 'maxResults', message: constraint }],
  );
}

/**
 * One page of a list operation, as VPC Lattice pages: at most `maxResults` items (1 to 100;
 * default `fallback`), and an opaque `nextToken` while more remain. A token is bound to its
 * operation; a token the service did not issue is a ValidationException.
 */
export function pageItems<T>(
  items: readonly T[],
  query: URLSearchParams,
  operation: string,
  fallback = 100,
): { items: T[]; nextToken?: string } {
  const size = maxResultsOf(query, fallback);
  const token = query.get('nextToken');
  const offset = token === null || token === '' ? 0 : decode(token, operation);
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return { items: page, ...(next < items.length && { nextToken: encode(operation, next) }) };
}
