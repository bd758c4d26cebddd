import { compilePattern, type CompiledPattern } from './compilePattern';
import type { ContextLookup } from './lookupContext';
import { PolicyError } from './PolicyError';

/** The Resource or NotResource element. */
export interface ResourceMatcher {
  readonly patterns: readonly string[];
  /** `resource` null: a request without a resource, matched only by `"*"`. */
  matches(resource: string | null, lookup: ContextLookup): boolean;
}

/**
 * ARNs are compared part by part with `*` and `?` wildcards; policy variables are resolved
 * when `substitute` (Version 2012-10-17). A variable without a value matches no resource.
 */
export function compileResources(raw: unknown, substitute: boolean, where: string): ResourceMatcher {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicyError('InvalidResource', where, 'must name at least one resource');
  const patterns = list.map((v) => {
    if (typeof v !== 'string' || v === '')
      throw new PolicyError('InvalidResource', where, 'resources must be non-empty strings');
    return v;
  });
  if (patterns.includes('*')) return { patterns, matches: () => true };
  const compiled: CompiledPattern[] = patterns.map((p) => compilePattern(p, 'resource', substitute));
  return {
    patterns,
    matches(resource, lookup) {
      if (resource === null) return false;
      for (const p of compiled) if (p.matches(resource, lookup)) return true;
      return false;
    },
  };
}
