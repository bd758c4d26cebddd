import type { CompiledCondition } from './compileCondition';
import type { ContextLookup } from './lookupContext';
import type { ContextValue } from './types';

/**
 * Evaluates one condition against the request context, as the IAM User Guide describes:
 * - key absent: `...IfExists` is true; a negated operator (StringNotEquals, NotIpAddress, ...)
 *   is true; any other operator is false; `ForAllValues:` is true, `ForAnyValue:` false;
 * - several policy values: true if any matches (negated: if none matches);
 * - `ForAnyValue:`: some request value satisfies the operator; `ForAllValues:`: every one does
 *   (an empty set satisfies it);
 * - single- or multivalued is "the number of values in the request context, not the number of
 *   values in the policy condition" (IAM User Guide, "Single-valued vs. multivalued context
 *   keys"): a key given as a list of one value is that value under a plain operator, and a list
 *   of none has no value to match (a negated operator is then true);
 * - a key with several values under a plain operator (no set prefix) never matches, negated or
 *   `IfExists` alike: "multivalued context keys require a condition set operator" (same page);
 *   the outcome is not documented, and this is the answer the AWS IAM team gave publicly
 *   (re:Inforce 2025, IAM431), as reported by other IAM evaluators.
 */
export function matchCondition(condition: CompiledCondition, lookup: ContextLookup): boolean {
  const value = lookup(condition.lowerKey);
  return matchValue(condition, value, lookup);
}

export function matchValue(
  condition: CompiledCondition,
  value: ContextValue | undefined,
  lookup: ContextLookup,
): boolean {
  if (condition.nullCheck) return condition.nullCheck.has(value === undefined);
  const { quantifier, negated, test } = condition;
  if (value === undefined) {
    if (condition.ifExists) return true;
    if (quantifier === 'all') return true;
    if (quantifier === 'any') return false;
    return negated;
  }
  if (typeof value === 'string') return test(value, lookup) !== negated;
  if (quantifier === 'all') {
    for (const v of value) if (test(v, lookup) === negated) return false;
    return true;
  }
  if (quantifier === 'any') {
    for (const v of value) if (test(v, lookup) !== negated) return true;
    return false;
  }
  if (value.length === 0) return negated;
  if (value.length === 1) return test(value[0]!, lookup) !== negated;
  return false;
}
