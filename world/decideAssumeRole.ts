import {
  evaluatePolicy,
  trustsWholeAccount,
  type EvalRequest,
  type Evaluation,
  type Policy,
  type RequestContext,
} from '../policy';
import { roleSubject, userSubject, type CompiledRole, type CompiledWorld } from './compileWorld';
import { principalOf, type SigningPrincipal } from './describePrincipal';
import { assumeRoleContext } from './requestContext';
import { formatAssumeRoleDenied } from '../policy/accessDeniedTexts';
import { refuseByGuardrail } from './refuseByGuardrail';
import { sessionPoliciesOf } from './sessionPoliciesOf';
import { WorldMemo } from './WorldMemo';

/** An STS AssumeRole request, its parameters read and typed. */
export interface AssumeRoleRequest {
  caller: SigningPrincipal;
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
  sessionTags: Record<string, string>;
  /** `Policy`: an inline session policy, as the JSON text sent. */
  sessionPolicy?: string;
  /** `PolicyArns`: managed session policies. */
  sessionPolicyArns?: string[];
  /** Where the request comes from, and whether over TLS. */
  sourceIp: string;
  secure: boolean;
  now: Date;
  /** The request's User-Agent header (aws:UserAgent), when known: the emulator sees it, `check` does not. */
  userAgent?: string;
}

/** The policy that refused, with the request it was asked about (for explanations). */
export interface RefusingPolicy {
  subject: string;
  /** Absent when no policy is there to show (an organization level with none attached). */
  policy?: Policy;
  evaluation?: Evaluation;
  request: EvalRequest;
  note?: string;
}

export type AssumeRoleDecision =
  | { kind: 'issued'; role: CompiledRole; principal: Extract<SigningPrincipal, { kind: 'session' }> }
  | {
      kind: 'refused';
      status: 400 | 403;
      code: 'AccessDenied' | 'ValidationError' | 'MalformedPolicyDocument';
      message: string;
      decidedBy?: RefusingPolicy;
    };

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** A role chained from another role's session lasts at most one hour (IAM: "Role chaining"). */
const CHAINED_MAX_SECONDS = 3600;

const validation = (message: string): AssumeRoleDecision => ({
  kind: 'refused',
  status: 400,
  code: 'ValidationError',
  message,
});

/**
 * May this principal assume this role, as STS decides it: the session name and duration are valid,
 * the role exists, its trust policy allows `sts:AssumeRole` (and `sts:TagSession` with session tags),
 * and the caller's own identity policy allows it where IAM wants that (across accounts, and within
 * one when the trust policy trusts the account rather than the caller by name); an explicit deny
 * in the caller's identity policy always refuses. The caller is also bounded by its account's SCPs
 * (unless it is the management account), its permissions boundary and its session policies, and the
 * role's account's RCPs apply (STS is a service RCPs cover): a refusal by one of those names it with
 * IAM's documented tail (policy/accessDeniedTexts.ts). Session policies passed on the request
 * (`Policy`, `PolicyArns`) narrow the session issued.
 */
export function decideAssumeRole(world: CompiledWorld, request: AssumeRoleRequest): AssumeRoleDecision {
  const { caller, roleArn, sessionName, durationSeconds } = request;
  if (!SESSION_NAME.test(sessionName)) {
    return validation(
      `1 validation error detected: Value '${sessionName}' at ` +
        `'roleSessionName' failed to satisfy constraint: Member must satisfy ` +
        `regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
    return validation(
      `1 validation error detected: Value '${durationSeconds}' at ` +
        `'durationSeconds' failed to satisfy constraint: Member must have value ` +
        `between 900 and 43200`,
    );
  }
  const who = WorldMemo.of(world).invokeCaller(caller);
  const denied: AssumeRoleDecision = {
    kind: 'refused',
    status: 403,
    code: 'AccessDenied',
    message: `User: ${who.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  };
  const role = world.roles.find((r) => r.arn === roleArn);
  if (!role) return denied;
  const maxDuration = caller.kind === 'session' ? CHAINED_MAX_SECONDS : (role.spec.maxSessionDurationSeconds ?? 3600);
  if (durationSeconds > maxDuration) {
    return validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const passed = sessionPoliciesOf(world, request.sessionPolicy, request.sessionPolicyArns);
  if (passed.kind === 'refused') return { kind: 'refused', status: 400, code: passed.code, message: passed.message };
  const tagKeys = Object.keys(request.sessionTags);
  const roleOrg = WorldMemo.of(world).organization(role.spec.account);
  const context: RequestContext = {
    ...assumeRoleContext({
      caller: who,
      role: {
        account: role.spec.account,
        ...(roleOrg && { orgId: roleOrg.orgId, orgPaths: roleOrg.orgPaths }),
        tags: role.spec.tags,
      },
      request: {
        sourceIp: request.sourceIp,
        secure: request.secure,
        now: request.now,
        region: world.spec.region,
        ...(request.userAgent !== undefined && { userAgent: request.userAgent }),
      },
      sessionTags: request.sessionTags,
    }),
    ...(request.externalId !== undefined && { 'sts:ExternalId': request.externalId }),
  };
  const principal = principalOf(who);
  const ownSubject = caller.kind === 'user' ? userSubject(caller.user.spec) : roleSubject(caller.role.spec);
  for (const action of ['sts:AssumeRole', ...(tagKeys.length > 0 ? ['sts:TagSession'] : [])]) {
    const evalRequest: EvalRequest = { principal, action, resource: roleArn, context };
    const guardrail = refuseByGuardrail(world, caller, role, evalRequest);
    if (guardrail) {
      const message = formatAssumeRoleDenied({ caller: who.arn, roleArn, ...guardrail.denial });
      return { ...denied, message, ...(guardrail.decidedBy && { decidedBy: guardrail.decidedBy }) };
    }
    const trust = evaluatePolicy(role.trustPolicy.policy, evalRequest);
    if (trust.decision !== 'Allow') {
      const decidedBy = {
        subject: `${roleSubject(role.spec)} trust policy (${action})`,
        policy: role.trustPolicy.policy,
        evaluation: trust,
        request: evalRequest,
      };
      return { ...denied, decidedBy };
    }
    const own = evaluateIdentity(who.identityPolicies, evalRequest);
    const needsAllow =
      who.account !== role.spec.account || trustsWholeAccount(role.trustPolicy.policy, evalRequest, who.account);
    if (own.decision === 'ExplicitDeny' || (needsAllow && own.decision !== 'Allow')) {
      const decidedBy = own.policy && {
        subject: `${ownSubject} identity policy (${action})`,
        policy: own.policy,
        evaluation: own.evaluation!,
        request: evalRequest,
      };
      return { ...denied, ...(decidedBy && { decidedBy }) };
    }
  }
  const sessionPolicies = passed.policies.length > 0 ? { sessionPolicies: passed.policies } : {};
  return {
    kind: 'issued',
    role,
    principal: { kind: 'session', role, sessionName, sessionTags: request.sessionTags, ...sessionPolicies },
  };
}

/** A principal's identity policies together: an explicit deny wins, else one must allow. */
function evaluateIdentity(
  policies: Policy[],
  request: EvalRequest,
): { decision: Evaluation['decision']; policy?: Policy; evaluation?: Evaluation } {
  const evaluations = policies.map((policy) => ({ policy, evaluation: evaluatePolicy(policy, request) }));
  const deny = evaluations.find((e) => e.evaluation.decision === 'ExplicitDeny');
  if (deny) return { decision: 'ExplicitDeny', ...deny };
  const allow = evaluations.find((e) => e.evaluation.decision === 'Allow');
  if (allow) return { decision: 'Allow', ...allow };
  return { decision: 'ImplicitDeny', ...evaluations[0] };
}
