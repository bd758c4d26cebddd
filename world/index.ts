export { defineWorld } from './config';
export type { WorldConfig, PolicyRef } from './config';
export type * from './types';
export { listenersOf } from './types';
export { resolveWorld } from './resolveWorld';
export { loadWorld, listWorlds, worldFile, defaultWorldName } from './loadWorld';
export {
  compileWorld,
  organizationOf,
  WorldPolicyError,
  networkSubject,
  serviceSubject,
  roleSubject,
  userSubject,
  relaySubject,
} from './compileWorld';
export { withImplicitResource } from './withImplicitResource';
export type {
  CompiledWorld,
  CompiledRole,
  CompiledService,
  CompiledNetwork,
  CompiledUser,
  CompiledRelay,
  WorldPolicy,
} from './compileWorld';
export { decideAssumeRole } from './decideAssumeRole';
export type { AssumeRoleDecision, AssumeRoleRequest, RefusingPolicy } from './decideAssumeRole';
export { routeInvoke, sourceVpcOf, serviceByHost } from './routeInvoke';
export type { InvokeArrival, InvokeRoute } from './routeInvoke';
export { decideInvoke, invokeNeedsAuth } from './decideInvoke';
export type { InvokeDecision, InvokeRequest, EnforcedAuth } from './decideInvoke';
export { invokeCallerOf, principalContext, principalOf } from './describePrincipal';
export type { SigningPrincipal } from './describePrincipal';
export { invokeResource } from './invokeResource';
export { seedWorld, SEED, DEMO_WORLD_FILE } from './demoWorld';
export { ConfigFileError, UserError } from './errors';
export { readServedTarget, headerMap, safeDecode } from './readServedTarget';
export type { ServedTarget } from './readServedTarget';
export { normalizePath } from './normalizePath';
export { findGuardrailDecider } from './findGuardrailDecider';
export type { GuardrailSources, GuardrailDecider, SessionPolicy } from './findGuardrailDecider';
export { orgLevelsOf, toOrgLevels } from './orgLevels';
export type { OrgLevelView, OrgPathView } from './orgLevels';
