import type { ContextValue, RequestContext } from './types';

/** Looks a context key up by its lower-cased name. */
export type ContextLookup = (lowerKey: string) => ContextValue | undefined;

const cache = new WeakMap<RequestContext, ContextLookup>();

/**
 * Returns a case-insensitive lookup over `context`. Key names in IAM are case-insensitive,
 * so the context is indexed once by lower-cased name; the index is cached per context object,
 * which makes evaluating several policies against one request cheap.
 * (The cache assumes a context object is not mutated after its first evaluation.)
 */
export function lookupContext(context: RequestContext): ContextLookup {
  let lookup = cache.get(context);
  if (lookup) return lookup;
  const index = new Map<string, ContextValue>();
  for (const key of Object.keys(context)) {
    const value = context[key];
    if (value === undefined || value === null) continue;
    index.set(key.toLowerCase(), typeof value === 'string' ? value : normaliseValue(value));
  }
  lookup = (lowerKey) => index.get(lowerKey);
  cache.set(context, lookup);
  return lookup;
}

/** Accepts typed numbers or booleans from callers that did not stringify them. */
function normaliseValue(value: unknown): ContextValue {
  if (Array.isArray(value)) return value.map((v) => String(v));
  return String(value);
}
