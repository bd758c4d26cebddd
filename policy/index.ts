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
  GuardrailLayer,
  GuardrailExplanation,
  InvokeLayer,
  LayerExplanation,
  SourceOrgIdMode,
} from './lattice/types';
export { buildInvokeContext } from './lattice/buildInvokeContext';
export { buildGlobalContext } from './buildGlobalContext';
export {
  GLOBAL_CONDITION_KEYS,
  type GlobalKeyFacts,
  type GlobalKeyRow,
  type RequestKind,
} from './globalConditionKeys';
export { authorizeInvoke } from './lattice/authorizeInvoke';
export { formatAccessDenied } from './lattice/formatAccessDenied';
export type {
  AuthorizationInput,
  AuthorizationResult,
  LevelExplanation,
  OrgLevel,
  OrgPath,
  OrgSettings,
  PolicyType,
  PolicyTypeExplanation,
  PrincipalPolicies,
  ResourcePolicies,
} from './org/types';
export { authorizeRequest } from './org/authorizeRequest';
export { evaluateOrgPath } from './org/evaluateOrgPath';
export { evaluateBoundary, evaluateRcps, evaluateScps, evaluateSessionPolicies } from './org/evaluateGuardrails';
export { classifyResourceGrant, type ResourceGrant } from './org/classifyResourceGrant';
export {
  DEFAULT_ORG_SETTINGS,
  FULL_AWS_ACCESS_DOCUMENT,
  RCP_FULL_AWS_ACCESS_DOCUMENT,
  getFullAwsAccess,
  getRcpFullAwsAccess,
} from './org/orgSettings';
export {
  ASSUME_ROLE_SOURCES,
  DENIAL_PHRASES,
  INVOKE_EVIDENCE,
  formatAssumeRoleDenied,
  formatInvokeDenied,
  listDenialTails,
  type DenialSource,
  type Evidence,
} from './accessDeniedTexts';
export { invokeResource } from './lattice/invokeResource';
