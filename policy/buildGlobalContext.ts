import { GLOBAL_CONDITION_KEYS, type GlobalKeyFacts, type RequestKind } from './globalConditionKeys';
import type { RequestContext } from './types';

/**
 * The global condition keys (`aws:...` and the role-session keys) of one request, each set or left
 * absent as the IAM User Guide's "AWS global condition context keys" says for that kind of request:
 * built from `GLOBAL_CONDITION_KEYS`, the one table (also rendered in docs/request-context.md).
 * Facts left undefined (`caller`, `resource`, `userAgent`) add no key.
 */
export function buildGlobalContext(kind: RequestKind, facts: GlobalKeyFacts): RequestContext {
  const context: RequestContext = {};
  for (const row of GLOBAL_CONDITION_KEYS) Object.assign(context, row.entries(kind, facts));
  return context;
}
