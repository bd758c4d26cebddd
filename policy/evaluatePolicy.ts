import { matchNotPrincipal, matchPrincipal } from './compilePrincipal';
import type { CompiledStatement } from './compileStatement';
import { LazyEvaluation } from './LazyEvaluation';
import { lookupContext, type ContextLookup } from './lookupContext';
import { matchValue } from './matchCondition';
import type {
  ConditionTrace,
  Decision,
  EvalRequest,
  Evaluation,
  Policy,
  StatementMismatch,
  StatementTrace,
} from './types';

/**
 * Evaluates one policy alone: ExplicitDeny if an applicable statement denies, else Allow if one
 * allows, else ImplicitDeny.
 *
 * The decision is reached without allocating: it stops at the first applicable Deny and skips
 * Allow statements once one applies. The per-statement trace (`statements`) is built when it is
 * first read, from the same request, so a caller that only needs the decision does not pay for it.
 */
export function evaluatePolicy(policy: Policy, request: EvalRequest): Evaluation {
  const lookup = lookupContext(request.context);
  const action = request.action.toLowerCase();
  let allowed = false;
  let denied = false;
  for (const statement of policy.statements) {
    if (allowed && statement.effect === 'Allow') continue;
    if (findMismatch(statement, request, action, lookup) !== undefined) continue;
    if (statement.effect === 'Deny') {
      denied = true;
      break;
    }
    allowed = true;
  }
  const decision: Decision = denied ? 'ExplicitDeny' : allowed ? 'Allow' : 'ImplicitDeny';
  return new LazyEvaluation(decision, () => policy.statements.map((s) => traceStatement(s, request, action, lookup)));
}

/** The first element of the statement that does not match the request, or undefined if it applies. */
function findMismatch(
  statement: CompiledStatement,
  request: EvalRequest,
  action: string,
  lookup: ContextLookup,
): StatementMismatch | undefined {
  const { principal, resource } = statement;
  if (principal) {
    const matched = principal.negated
      ? matchNotPrincipal(principal.matcher, request.principal)
      : matchPrincipal(principal.matcher, request.principal);
    if (!matched) return 'principal';
  }
  if (statement.action.matcher.matchesLowerCase(action) === statement.action.negated) return 'action';
  if (resource.matcher.matches(request.resource, lookup) === resource.negated) return 'resource';
  for (const condition of statement.conditions) {
    if (!matchValue(condition, lookup(condition.lowerKey), lookup)) return 'condition';
  }
  return undefined;
}

function traceStatement(
  statement: CompiledStatement,
  request: EvalRequest,
  action: string,
  lookup: ContextLookup,
): StatementTrace {
  const mismatch = findMismatch(statement, request, action, lookup);
  const trace: StatementTrace = {
    index: statement.index,
    effect: statement.effect,
    applies: mismatch === undefined,
    conditions: [],
  };
  if (statement.sid !== undefined) trace.sid = statement.sid;
  if (mismatch !== undefined) trace.reason = mismatch;
  if (mismatch === undefined || mismatch === 'condition') trace.conditions = traceConditions(statement, lookup);
  return trace;
}

function traceConditions(statement: CompiledStatement, lookup: ContextLookup): ConditionTrace[] {
  return statement.conditions.map((condition) => {
    const requestValue = lookup(condition.lowerKey);
    const matched = matchValue(condition, requestValue, lookup);
    return { operator: condition.operator, key: condition.key, requestValue, policyValues: condition.values, matched };
  });
}
