import { matchNotPrincipal, matchPrincipal } from './compilePrincipal';
import type { CompiledStatement } from './compileStatement';
import { lookupContext, type ContextLookup } from './lookupContext';
import { matchValue } from './matchCondition';
import type { ConditionTrace, Decision, EvalRequest, Evaluation, Policy, StatementTrace } from './types';

/**
 * Evaluates one policy alone: ExplicitDeny if an applicable statement denies, else Allow if one
 * allows, else ImplicitDeny. Every statement is traced; a statement's conditions are evaluated
 * only when its principal, action and resource match.
 */
export function evaluatePolicy(policy: Policy, request: EvalRequest): Evaluation {
  const lookup = lookupContext(request.context);
  let allowed = false;
  let denied = false;
  const statements: StatementTrace[] = [];
  for (const statement of policy.statements) {
    const trace = evaluateStatement(statement, request, lookup);
    if (trace.applies) {
      if (statement.effect === 'Deny') denied = true;
      else allowed = true;
    }
    statements.push(trace);
  }
  const decision: Decision = denied ? 'ExplicitDeny' : allowed ? 'Allow' : 'ImplicitDeny';
  return { decision, statements };
}

function evaluateStatement(statement: CompiledStatement, request: EvalRequest, lookup: ContextLookup): StatementTrace {
  const base = {
    index: statement.index,
    ...(statement.sid !== undefined && { sid: statement.sid }),
    effect: statement.effect,
  };
  const { principal, action, resource } = statement;
  if (principal) {
    const matched = principal.negated
      ? matchNotPrincipal(principal.matcher, request.principal)
      : matchPrincipal(principal.matcher, request.principal);
    if (!matched) return { ...base, applies: false, reason: 'principal', conditions: [] };
  }
  if (action.matcher.matches(request.action) === action.negated) {
    return { ...base, applies: false, reason: 'action', conditions: [] };
  }
  if (resource.matcher.matches(request.resource, lookup) === resource.negated) {
    return { ...base, applies: false, reason: 'resource', conditions: [] };
  }
  let applies = true;
  const conditions: ConditionTrace[] = [];
  for (const condition of statement.conditions) {
    const requestValue = lookup(condition.lowerKey);
    const matched = matchValue(condition, requestValue, lookup);
    if (!matched) applies = false;
    conditions.push({ operator: condition.operator, key: condition.key, requestValue, policyValues: condition.values, matched });
  }
  return applies ? { ...base, applies, conditions } : { ...base, applies, reason: 'condition', conditions };
}
