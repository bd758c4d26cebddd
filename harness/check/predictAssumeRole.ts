import { evaluatePolicy, trustsWholeAccount, type EvalRequest, type Evaluation, type Policy, type RequestContext } from '../../policy';
import type { RoleCaller } from '../credentials/createCredentialSource';
import { organizationOf, roleSubject, type CompiledRole, type CompiledWorld } from './compileWorld';
import { reportStatements, statementSources } from './reportStatements';
import type { DecisionReport, Prediction } from './types';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export type AssumeRolePrediction =
  | { kind: 'assumed'; role: CompiledRole }
  | { kind: 'refused'; prediction: Extract<Prediction, { kind: 'credentials-failed' }>; report?: DecisionReport };

/**
 * Whether the local world's STS would give the runner a session of the caller's role: the role
 * exists, the session name and duration are valid, the trust policy allows sts:AssumeRole (and
 * sts:TagSession with session tags) and the runner's own identity policy as IAM wants it (across accounts,
 * or when the trust policy trusts the whole account).
 */
export function predictAssumeRole(caller: RoleCaller, world: CompiledWorld, now: Date): AssumeRolePrediction {
  const { spec, runner } = world;
  const refuse = (code: string, message: string, report?: DecisionReport): AssumeRolePrediction => ({
    kind: 'refused',
    prediction: { kind: 'credentials-failed', role: caller.roleArn, code, message },
    report,
  });
  const denied = `User: ${runner.arn} is not authorized to perform: sts:AssumeRole on resource: ${caller.roleArn}`;
  if (!SESSION_NAME.test(caller.sessionName)) {
    return refuse('ValidationError', `1 validation error detected: Value '${caller.sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const role = world.roles.find((r) => r.arn === caller.roleArn);
  if (!role) return refuse('AccessDenied', denied);
  if (caller.durationSeconds > (role.spec.maxSessionDurationSeconds ?? 3600)) {
    return refuse('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const org = organizationOf(spec, spec.runner.account);
  const tagKeys = Object.keys(caller.sessionTags);
  const context: RequestContext = {
    'aws:PrincipalArn': runner.arn,
    'aws:PrincipalAccount': spec.runner.account,
    'aws:PrincipalType': 'User',
    'aws:userid': '<runner user id>',
    'aws:username': spec.runner.userName,
    ...(org ? { 'aws:PrincipalOrgID': org.orgId, 'aws:PrincipalOrgPaths': org.orgPaths } : {}),
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    ...(caller.externalId !== undefined && { 'sts:ExternalId': caller.externalId }),
  };
  if (tagKeys.length > 0) {
    context['aws:TagKeys'] = tagKeys;
    for (const [k, v] of Object.entries(caller.sessionTags)) context[`aws:RequestTag/${k}`] = v;
  }
  const principal = { kind: 'aws' as const, arn: runner.arn, account: spec.runner.account };
  for (const action of ['sts:AssumeRole', ...(tagKeys.length > 0 ? ['sts:TagSession'] : [])]) {
    const request: EvalRequest = { principal, action, resource: caller.roleArn, context };
    const trust = evaluatePolicy(role.trustPolicy.policy, request);
    if (trust.decision !== 'Allow') {
      return refuse('AccessDenied', denied, credentialsReport(`${roleSubject(role.spec)} trust policy (${action})`, role.trustPolicy.policy, trust, request));
    }
    // The runner's own identity policy: an explicit deny always refuses; an allow is needed across
    // accounts, and within one when the trust policy trusts the account rather than the runner by name.
    const own = evaluatePolicy(runner.identityPolicy.policy, request);
    const needsAllow = spec.runner.account !== role.spec.account || trustsWholeAccount(role.trustPolicy.policy, request, spec.runner.account);
    if (own.decision === 'ExplicitDeny' || (needsAllow && own.decision !== 'Allow')) {
      return refuse('AccessDenied', denied, credentialsReport(`runner ${spec.runner.userName} identity policy (${action})`, runner.identityPolicy.policy, own, request));
    }
  }
  return { kind: 'assumed', role };
}

function credentialsReport(subject: string, policy: Policy, evaluation: Evaluation, request: EvalRequest): DecisionReport {
  return { subject, files: [], decision: evaluation.decision, statements: reportStatements(evaluation, request, { statements: statementSources(policy.source) }) };
}
