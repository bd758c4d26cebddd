import { GLOBAL_CONDITION_KEYS, type GlobalKeyFacts, type RequestKind } from './globalConditionKeys';
import type { RequestContext } from './types';

/**
 * The global condition keys (`aws:...` and the role-session keys) of one request, each set or left
 * absent as the IAM User Guide's "AWS global condition context keys" says for that kind of request:
 * built from `GLOBAL_CONDITION_KEYS`, the one table (also rendered in docs/request-context.md).
 * Facts left undefined (`caller`, `resource`, `userAgent`) add no key. The keys are set into `into`
 * (a new object by default), after what it holds, and win over it.
 */
export function buildGlobalContext(
  kind: RequestKind,
  facts: GlobalKeyFacts,
  into: RequestContext = {},
): RequestContext {
  const context = into;
  for (const row of CARRIED_ROWS) {
    const entries = row.entries(kind, facts);
    if (entries === undefined) continue;
    // Each key set in turn, as Object.assign would, without its per-call cost (this runs per request).
    for (const key of Object.keys(entries)) context[key] = entries[key]!;
  }
  return context;
}

/** The rows some request carries: a row absent from both kinds (the table's `absent`) adds no key to either. */
const CARRIED_ROWS = GLOBAL_CONDITION_KEYS.filter((row) => row.invoke !== 'absent' || row.assumeRole !== 'absent');
