import type { PolicyRef, WorldConfig } from '../../../world';
import type { ManagedPolicyConfig, OrganizationPoliciesConfig, RoleConfig } from '../../../world/config';
import type { Random } from '../../support/random';

type Statement = Record<string, unknown>;
type Condition = Record<string, Record<string, unknown>>;

export interface GuardrailScope {
  org: string;
  /** The OU path pattern of the `apps` OU. */
  appsOrgPath: string;
  /** Account name → account ID; `outside` is not in the organization. */
  accounts: Record<string, string>;
  /** The world's OU names, the member account's and the runner's. */
  ous: string[];
  memberOu: string;
  runnerOu: string;
  /** The VPCs the new callers send from (mostly those associated with a service network). */
  vpcs: string[];
  /** The world's relays: new callers may send through one. */
  relays: string[];
  /** An identity policy for a new role: allows Invoke, maybe denies it under a condition. */
  identityPolicy: () => Record<string, unknown>;
}

export interface GuardrailDraw {
  managementAccount?: string;
  policies: OrganizationPoliciesConfig;
  /** New roles: one under a permissions boundary. */
  roles: Record<string, RoleConfig>;
  managedPolicies: Record<string, ManagedPolicyConfig>;
  /** New callers of the new roles: some send session policies on AssumeRole. */
  callers: WorldConfig['callers'];
}

const INVOKE = 'vpc-lattice-svcs:Invoke';
const ASSUME = 'sts:AssumeRole';

const doc = (...statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements });

/** Conditions on the Invoke's request or on the principal, as an SCP or a boundary would say them. */
function requestCondition(r: Random, s: GuardrailScope): Condition {
  const options: (() => Condition)[] = [
    () => ({ StringEquals: { 'vpc-lattice-svcs:RequestMethod': r.pick(['GET', 'POST', 'PUT']) } }),
    () => ({ StringLike: { 'vpc-lattice-svcs:RequestPath': r.pick(['/admin*', '/public/*']) } }),
    () => ({ NumericEquals: { 'vpc-lattice-svcs:Port': r.pick(['443', '8080']) } }),
    () => ({ Bool: { 'aws:SecureTransport': r.pick(['true', 'false']) } }),
    () => ({ StringEquals: { 'aws:PrincipalTag/team': r.pick(['blue', 'red']) } }),
    () => ({ StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } }),
    () => ({ StringLike: { 'aws:PrincipalArn': r.pick(['arn:aws:iam::*:role/app-1', 'arn:aws:iam::*:user/*']) } }),
    () => ({ StringEquals: { 'aws:ResourceTag/tier': r.pick(['gold', 'silver']) } }),
    () => ({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': s.appsOrgPath } }),
  ];
  return r.pick(options)();
}

/**
 * SCPs: a deny of Invoke under a condition, or of both Invoke and AssumeRole, or an allow list that omits Invoke
 * or not, somewhere in the tree; and often a deny of AssumeRole on some roles where it bounds the runner.
 */
function drawScps(r: Random, s: GuardrailScope): OrganizationPoliciesConfig {
  const scps: NonNullable<OrganizationPoliciesConfig['scps']> = {};
  let detachedFrom: string[] | undefined;
  const kind = r.pick(['deny-invoke', 'deny-invoke', 'deny-either', 'allow-list'] as const);
  if (kind === 'allow-list') {
    // FullAWSAccess detached from one OU or account: only what the list allows passes there.
    const at = r.pick([s.memberOu, 'member', ...s.ous, 'runner']);
    detachedFrom = [at];
    const actions = ['sts:*', 'lambda:InvokeFunction', ...(r.chance(0.3) ? ['vpc-lattice-svcs:*'] : [])];
    scps['allow-list'] = { document: doc({ Effect: 'Allow', Action: actions, Resource: '*' }), targets: [at] };
  } else {
    const action = kind === 'deny-invoke' ? INVOKE : [INVOKE, ASSUME];
    const statement = { Effect: 'Deny', Action: action, Resource: '*', Condition: requestCondition(r, s) };
    // Where the callers' roles are (the member account, in its OU) or above.
    scps[kind] = { document: doc(statement), targets: [r.pick(['root', s.memberOu, 'member'])] };
  }
  if (r.chance(0.6)) {
    // SCPs bound the principal that calls STS: the runner, wherever it sits in the tree.
    const roles = r.pick(['arn:aws:iam::*:role/app-0', 'arn:aws:iam::*:role/app-4', '*']);
    scps['deny-assume'] = {
      document: doc({ Effect: 'Deny', Action: ASSUME, Resource: roles }),
      targets: [r.pick(['root', s.runnerOu, 'runner'])],
    };
  }
  return { scps, ...(detachedFrom && { fullAwsAccess: { detachedFrom } }) };
}

/**
 * Sometimes an RCP: RCPs cover STS, not VPC Lattice, so a deny of AssumeRole refuses the runner's sessions
 * on the roles of the accounts it is attached to, and a deny of Invoke must refuse nothing.
 */
function drawRcps(r: Random, s: GuardrailScope): NonNullable<OrganizationPoliciesConfig['rcps']> {
  if (!r.chance(0.8)) return {};
  const condition = r.pick<Condition>([
    { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': s.org } },
    { StringEquals: { 'aws:PrincipalAccount': s.accounts.runner } },
    { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': s.appsOrgPath } },
  ]);
  const statement: Statement = {
    Effect: 'Deny',
    Principal: '*',
    Action: r.pick([ASSUME, ASSUME, 'sts:TagSession', INVOKE, [INVOKE, ASSUME]]),
    Resource: '*',
    Condition: condition,
  };
  // RCPs bound the resources of their accounts: the roles of the member account, or none.
  return {
    'rcp-0': { document: doc(statement), targets: [r.pick(['root', s.memberOu, 'member', 'member', 'owner'])] },
  };
}

/** A permissions boundary: allows Invoke and AssumeRole, or one of them, maybe with a conditional deny. */
function boundary(r: Random, s: GuardrailScope): PolicyRef {
  const allowed = r.pick<string | string[]>([
    '*',
    [INVOKE, ASSUME],
    'vpc-lattice-svcs:*',
    [ASSUME, 'sts:TagSession'],
    'sts:*',
  ]);
  const statements: Statement[] = [{ Effect: 'Allow', Action: allowed, Resource: '*' }];
  if (r.chance(0.5))
    statements.push({ Effect: 'Deny', Action: INVOKE, Resource: '*', Condition: requestCondition(r, s) });
  return doc(...statements);
}

/** A session policy: allows Invoke (maybe under a condition), or only what is not Invoke. */
function sessionPolicy(r: Random, s: GuardrailScope): Record<string, unknown> {
  return r.pick<() => Record<string, unknown>>([
    () => doc({ Effect: 'Allow', Action: INVOKE, Resource: '*' }),
    () => doc({ Effect: 'Allow', Action: INVOKE, Resource: '*', Condition: requestCondition(r, s) }),
    () => doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
    () => doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: INVOKE, Resource: '*' }),
  ])();
}

/** A role of the member account the runner may assume, allowed Invoke by its identity policy. */
function guardedRole(s: GuardrailScope, name: string, identityPolicy: Record<string, unknown>): RoleConfig {
  return {
    account: 'member',
    name,
    trustPolicy: doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${s.accounts.runner}:root` },
      Action: [ASSUME, 'sts:TagSession'],
    }),
    identityPolicies: [identityPolicy],
  };
}

/**
 * Organization guardrails for a generated world: SCPs, RCPs, the management account's exemption; two more roles
 * the runner may assume, one under a permissions boundary, and callers of them, one under a permissions boundary
 * and two that send session policies (inline, and a managed policy of the role's account), and in a world with
 * relays, two callers through one (a session policy, no identity allow). The new roles and
 * callers leave the world's other callers as they were: only the SCPs and RCPs bound those.
 */
export function drawGuardrails(r: Random, s: GuardrailScope): GuardrailDraw {
  const managementAccount = r.chance(0.25) ? r.pick(['owner', 'member', 'runner']) : undefined;
  const policies: OrganizationPoliciesConfig = { ...drawScps(r, s), rcps: drawRcps(r, s) };
  const roles: GuardrailDraw['roles'] = {
    'role-b': { ...guardedRole(s, 'app-3', s.identityPolicy()), permissionsBoundary: boundary(r, s) },
    'role-s': guardedRole(s, 'app-4', s.identityPolicy()),
  };
  const managedPolicies: GuardrailDraw['managedPolicies'] = {
    'member-session': { account: 'member', name: 'lattice-session', document: sessionPolicy(r, s) },
  };
  const callers: GuardrailDraw['callers'] = {
    bounded: { role: 'role-b', vpc: r.pick(s.vpcs) },
    'scoped-inline': {
      role: 'role-s',
      vpc: r.pick(s.vpcs),
      sessionPolicy: sessionPolicy(r, s),
      ...(r.chance(0.3) && { sessionPolicyArns: ['member-session'] }),
    },
    'scoped-managed': { role: 'role-s', vpc: r.pick(s.vpcs), sessionPolicyArns: ['member-session'] },
  };
  if (s.relays.length > 0) {
    // Through a relay too: a session narrowed by its session policy, and a role whose identity allows nothing.
    roles['role-n'] = guardedRole(s, 'app-5', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    callers['via-scoped'] = { role: 'role-s', relay: r.pick(s.relays), sessionPolicy: sessionPolicy(r, s) };
    callers['via-bare'] = { role: 'role-n', relay: r.pick(s.relays) };
  }
  return { ...(managementAccount && { managementAccount }), policies, roles, managedPolicies, callers };
}
