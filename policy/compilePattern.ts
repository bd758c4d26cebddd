import { compileMatcher, type Matcher, type MatchMode } from './compileMatcher';
import type { ContextLookup } from './lookupContext';
import { hasVariables, parseTemplate, type TemplatePart } from './parseTemplate';
import { resolveVariables } from './resolveVariables';

/** A policy string ready to be compared with request strings. */
export interface CompiledPattern {
  readonly source: string;
  /** False when the pattern can never match (e.g. ArnLike with a value that is not an ARN). */
  readonly valid: boolean;
  matches(value: string, lookup: ContextLookup): boolean;
}

const MAX_CACHED = 64;

/**
 * Compiles a policy string once. Without policy variables the matcher is built here; with
 * variables it is built per resolved value and memoised (most requests repeat the same values).
 */
export function compilePattern(source: string, mode: MatchMode, substitute: boolean): CompiledPattern {
  const parts = parseTemplate(source, substitute);
  if (!hasVariables(parts)) {
    const matcher = compileMatcher(parts as Exclude<TemplatePart, { kind: 'variable' }>[], mode);
    if (!matcher) return { source, valid: false, matches: () => false };
    return { source, valid: true, matches: (value) => matcher(value) };
  }
  return compileDynamic(source, parts, mode);
}

function compileDynamic(source: string, parts: TemplatePart[], mode: MatchMode): CompiledPattern {
  const cache = new Map<string, Matcher | undefined>();
  return {
    source,
    valid: true,
    matches(value, lookup) {
      const resolved = resolveVariables(parts, lookup);
      if (!resolved) return false;
      const key = resolved.map((p) => (p.kind === 'literal' ? `\u0001${p.value}` : `\u0002${p.value}`)).join('');
      let matcher = cache.get(key);
      if (matcher === undefined && !cache.has(key)) {
        matcher = compileMatcher(resolved, mode);
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(key, matcher);
      }
      return matcher ? matcher(value) : false;
    },
  };
}
