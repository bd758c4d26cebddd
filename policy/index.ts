export type {
  ConditionTrace,
  ContextValue,
  Decision,
  EvalRequest,
  Evaluation,
  ParsePolicyOptions,
  Policy,
  PolicyKind,
  PolicyVersion,
  Principal,
  RequestContext,
  StatementMismatch,
  StatementTrace,
} from './types';
export { PolicyError, type PolicyErrorCode } from './PolicyError';
export { parsePolicy, RESOURCE_POLICY_MAX_LENGTH } from './parsePolicy';
export { evaluatePolicy } from './evaluatePolicy';
export { trustsWholeAccount } from './trustsWholeAccount';
export { matchCondition } from './matchCondition';
export { resolveVariables } from './resolveVariables';
export type {
  AuthType,
  InvokeAuthInput,
  InvokeAuthResult,
  InvokeCaller,
  Layer,
  LayerExplanation,
  SourceOrgIdMode,
} from './lattice/types';
export { buildInvokeContext } from './lattice/buildInvokeContext';
export { authorizeInvoke } from './lattice/authorizeInvoke';
export { formatAccessDenied } from './lattice/formatAccessDenied';
