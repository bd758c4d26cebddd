import { PolicyError } from './PolicyError';

/** The Action or NotAction element: case-insensitive names with `*` and `?` wildcards. */
export interface ActionMatcher {
  readonly patterns: readonly string[];
  matches(action: string): boolean;
  /** `action` already lower-cased. */
  matchesLowerCase(action: string): boolean;
}

const ACTION = /^[^:\s]+:[^:\s]*$/;

export function compileActions(raw: unknown, where: string): ActionMatcher {
  const patterns = toList(raw, where);
  const exact = new Set<string>();
  const wildcards: string[] = [];
  let all = false;
  for (const pattern of patterns) {
    if (pattern === '*') all = true;
    else if (!ACTION.test(pattern))
      throw new PolicyError('InvalidAction', where, `"${pattern}" is not "*" or "service:action"`);
    const lower = pattern.toLowerCase();
    if (/[*?]/.test(lower)) wildcards.push(globToRegex(lower));
    else exact.add(lower);
  }
  if (all) return { patterns, matches: () => true, matchesLowerCase: () => true };
  const re = wildcards.length ? new RegExp(`^(?:${wildcards.join('|')})$`) : undefined;
  // Requests mostly repeat one action (a Lattice policy only ever sees vpc-lattice-svcs:Invoke).
  let lastAction: string | undefined;
  let lastResult = false;
  const matchesLowerCase = (lower: string) => {
    if (lower !== lastAction) {
      lastResult = exact.has(lower) || re?.test(lower) === true;
      lastAction = lower;
    }
    return lastResult;
  };
  return { patterns, matches: (action) => matchesLowerCase(action.toLowerCase()), matchesLowerCase };
}

function globToRegex(glob: string): string {
  return glob
    .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

function toList(raw: unknown, where: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicyError('InvalidAction', where, 'must name at least one action');
  return list.map((v) => {
    if (typeof v !== 'string') throw new PolicyError('InvalidType', where, 'actions must be strings');
    return v;
  });
}
