import type { ResolvedPart } from './resolveVariables';

/**
 * How a policy string is compared with a request string:
 * - `equals`, `equalsIgnoreCase`: the whole string, no wildcards (StringEquals, ...IgnoreCase);
 * - `like`: `*` and `?` wildcards over the whole string (StringLike);
 * - `arn`: the six colon-separated ARN parts compared one by one, wildcards inside a part do
 *   not cross a colon except in the last part (ArnEquals, ArnLike); a value with fewer than
 *   six parts is not an ARN and matches nothing;
 * - `resource`: the Resource element: `*` and `?` stay within an ARN part, except that a `*`
 *   ending a part "can expand to match beyond the colon boundaries" (IAM User Guide, Resource),
 *   and everything after the fifth colon is one part. A pattern that is not a whole ARN (fewer
 *   than six parts) and starts with `*` stands for any ARN before the rest: the VPC Lattice
 *   guide's "Resource format for auth policies" writes `<serviceARN>/<path>` for any service as
 *   a `*` followed by `/rates`, or by `/*`.
 */
export type MatchMode = 'equals' | 'equalsIgnoreCase' | 'like' | 'arn' | 'resource';
export type Matcher = (value: string) => boolean;

const STAR = 0;
const QMARK = 1;
type Token = string | typeof STAR | typeof QMARK;

const matchAll: Matcher = () => true;

/** Builds a matcher, or returns undefined when the policy value can never match (not an ARN). */
export function compileMatcher(parts: readonly ResolvedPart[], mode: MatchMode): Matcher | undefined {
  if (mode === 'equals') {
    const expected = joinParts(parts);
    return (value) => value === expected;
  }
  if (mode === 'equalsIgnoreCase') {
    const expected = joinParts(parts).toLowerCase();
    return (value) => value === expected || value.toLowerCase() === expected;
  }
  const tokens = tokenize(parts);
  if (mode === 'resource') return tokens.length === 1 && tokens[0] === STAR ? matchAll : compileArn(tokens, true);
  if (mode === 'arn') return countColons(tokens) >= 5 ? compileArn(tokens, false) : undefined;
  return compileLike(tokens);
}

function joinParts(parts: readonly ResolvedPart[]): string {
  return parts.length === 1 ? parts[0]!.value : parts.map((p) => p.value).join('');
}

/** Splits into literal strings and wildcards; only `text` parts carry wildcards. */
function tokenize(parts: readonly ResolvedPart[]): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  for (const part of parts) {
    if (part.kind === 'literal') {
      literal += part.value;
      continue;
    }
    for (const ch of part.value) {
      if (ch !== '*' && ch !== '?') {
        literal += ch;
        continue;
      }
      if (literal) tokens.push(literal);
      literal = '';
      if (ch === '?') tokens.push(QMARK);
      else if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR); // `**` is `*`
    }
  }
  if (literal) tokens.push(literal);
  return tokens;
}

function countColons(tokens: readonly Token[]): number {
  let n = 0;
  for (const t of tokens) if (typeof t === 'string') for (const ch of t) if (ch === ':') n++;
  return n;
}

function compileLike(tokens: readonly Token[]): Matcher {
  const [a, b, c] = tokens;
  switch (tokens.length) {
    case 0:
      return (value) => value === '';
    case 1:
      if (a === STAR) return matchAll;
      if (typeof a === 'string') return (value) => value === a;
      break;
    case 2:
      if (typeof a === 'string' && b === STAR) return (value) => value.startsWith(a);
      if (a === STAR && typeof b === 'string') return (value) => value.endsWith(b);
      break;
    case 3:
      if (a === STAR && typeof b === 'string' && c === STAR) return (value) => value.includes(b);
      break;
  }
  const re = new RegExp(`^${tokens.map((t) => toRegex(t, false)).join('')}$`, 's');
  return (value) => re.test(value);
}

/** `finalStarCrosses`: a `*` that ends an ARN part may match colons (Resource element). */
function compileArn(tokens: readonly Token[], finalStarCrosses: boolean): Matcher {
  if (tokens.length === 1 && typeof tokens[0] === 'string') {
    const expected = tokens[0];
    return (value) => value === expected;
  }
  let colons = 0;
  let source = '';
  const anyArnFirst = finalStarCrosses && tokens[0] === STAR && countColons(tokens) < 5;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (typeof t !== 'string') {
      const next = tokens[i + 1];
      const endsPart = next === undefined || (typeof next === 'string' && next.startsWith(':'));
      const crosses = finalStarCrosses && t === STAR && (endsPart || (i === 0 && anyArnFirst));
      source += toRegex(t, colons < 5 && !crosses);
      continue;
    }
    source += escapeRegex(t);
    for (const ch of t) if (ch === ':') colons++;
  }
  const re = new RegExp(`^${source}$`, 's');
  return (value) => re.test(value);
}

function toRegex(token: Token, withinSegment: boolean): string {
  if (token === STAR) return withinSegment ? '[^:]*' : '.*';
  if (token === QMARK) return withinSegment ? '[^:]' : '.';
  return escapeRegex(token);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
