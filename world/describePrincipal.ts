import type { InvokeCaller, Principal, RequestContext } from '../policy';
import { assumedRoleArn } from './arns';
import { organizationOf, type CompiledRole, type CompiledUser, type CompiledWorld } from './compileWorld';
import type { SessionPolicy } from './findGuardrailDecider';
import { orgLevelsOf, toOrgLevels } from './orgLevels';

/**
 * Who signs a request: an IAM user with its own keys, or a role session STS issued (with the
 * session policies passed on AssumeRole, which narrow it).
 */
export type SigningPrincipal =
  | { kind: 'user'; user: CompiledUser }
  | {
      kind: 'session';
      role: CompiledRole;
      sessionName: string;
      sessionTags: Record<string, string>;
      sessionPolicies?: SessionPolicy[];
      /** When STS issued the session (aws:TokenIssueTime); `check` predicts a session issued now. */
      issuedAt?: Date;
      /** For a web identity session: the OIDC provider (aws:FederatedProvider). */
      federatedProvider?: string;
    };

/** What bounds a principal of `account`: its account's SCPs (in the organization), the management-account flag. */
function scpsOf(world: CompiledWorld, account: string): Pick<InvokeCaller, 'scpLevels' | 'isManagementAccount'> {
  const path = orgLevelsOf(world, account, 'scp');
  if (!path) return {};
  return { scpLevels: toOrgLevels(path), isManagementAccount: path.isManagementAccount };
}

/** A signing principal as IAM sees it: ARNs, account, organization, tags, identity policies. */
export function invokeCallerOf(principal: SigningPrincipal, world: CompiledWorld): InvokeCaller {
  if (principal.kind === 'user') {
    const { user } = principal;
    const org = organizationOf(world.spec, user.spec.account);
    return {
      kind: 'iam',
      arn: user.arn,
      roleArn: user.arn,
      account: user.spec.account,
      userId: user.userId,
      orgId: org?.orgId,
      orgPaths: org?.orgPaths,
      principalTags: { ...(user.spec.tags ?? {}) },
      principalType: 'User',
      identityPolicies: user.identityPolicies.map((p) => p.policy),
      ...(user.boundary && { boundary: user.boundary.policy }),
      ...scpsOf(world, user.spec.account),
    };
  }
  const { role, sessionName, sessionTags, sessionPolicies, issuedAt, federatedProvider } = principal;
  const org = organizationOf(world.spec, role.spec.account);
  return {
    kind: 'iam',
    arn: assumedRoleArn(role.spec.account, role.spec.name, sessionName),
    roleArn: role.arn,
    account: role.spec.account,
    userId: `${role.roleId}:${sessionName}`,
    orgId: org?.orgId,
    orgPaths: org?.orgPaths,
    // Session tags win over the role's tags of the same key (IAM: "Passing session tags").
    principalTags: { ...(role.spec.tags ?? {}), ...sessionTags },
    identityPolicies: role.identityPolicies.map((p) => p.policy),
    ...(role.boundary && { boundary: role.boundary.policy }),
    ...(sessionPolicies && sessionPolicies.length > 0 && { sessionPolicies: sessionPolicies.map((p) => p.policy) }),
    ...scpsOf(world, role.spec.account),
    ...(issuedAt && { tokenIssueTime: issuedAt }),
    ...(federatedProvider && { federatedProvider }),
  };
}

/** The policy-engine principal of a signing principal. */
export function principalOf(caller: InvokeCaller): Principal {
  const user = caller.principalType === 'User';
  return { kind: 'aws', arn: caller.arn, account: caller.account, ...(!user && { roleArn: caller.roleArn }) };
}

/** The global condition keys that describe a signing principal in any request it makes. */
export function principalContext(caller: InvokeCaller): RequestContext {
  const user = caller.principalType === 'User';
  const context: RequestContext = {
    'aws:PrincipalArn': caller.roleArn,
    'aws:PrincipalAccount': caller.account,
    'aws:PrincipalType': caller.principalType ?? 'AssumedRole',
    'aws:userid': caller.userId,
    ...(user && { 'aws:username': caller.arn.slice(caller.arn.lastIndexOf('/') + 1) }),
    ...(caller.orgId !== undefined && { 'aws:PrincipalOrgID': caller.orgId }),
    ...(caller.orgPaths !== undefined && { 'aws:PrincipalOrgPaths': [...caller.orgPaths] }),
  };
  for (const [k, v] of Object.entries(caller.principalTags)) context[`aws:PrincipalTag/${k}`] = v;
  return context;
}
