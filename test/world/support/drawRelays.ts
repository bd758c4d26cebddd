import type { WorldConfig } from '../../../world';
import type { Random } from '../../support/random';

type Statement = Record<string, unknown>;

export interface RelayScope {
  region: string;
  org: string;
  /** The OU path pattern of the `apps` OU (the runner's account is in it, or not). */
  appsOrgPath: string;
  /** Account name → account ID. */
  accounts: Record<string, string>;
  /** The world's VPCs: a relay sends from one of them, in the VPC's own account. */
  vpcs: WorldConfig['vpcs'];
  /** The VPCs associated with a service network: a relay is mostly in one (else little reaches a service). */
  associated: string[];
  /** Who may sign through a relay: role names and user names of the world. */
  roles: string[];
  users: string[];
}

export interface RelayDraw {
  relays: NonNullable<WorldConfig['relays']>;
  /** Callers that send through a relay (at most two a world: an Invoke costs more than a direct call). */
  callers: WorldConfig['callers'];
  /** Statements for the runner's identity policy: its lambda:InvokeFunction rights, or none. */
  runnerStatements: Statement[];
}

export const MAX_RELAY_CALLERS = 2;

/**
 * Conditions of a function policy that Lambda's decision evaluates from the Invoke alone (the runner, the
 * function's account, the connection to Lambda): never the source address or the user agent, which a runner
 * does not choose.
 */
function invokeCondition(r: Random, s: RelayScope): Record<string, Record<string, unknown>> {
  const options: (() => Record<string, Record<string, unknown>>)[] = [
    () => ({ StringEquals: { 'aws:PrincipalOrgID': s.org } }),
    () => ({ StringNotEquals: { 'aws:PrincipalOrgID': s.org } }),
    () => ({ StringLike: { 'aws:PrincipalArn': r.pick(['arn:aws:iam::*:user/runner', 'arn:aws:iam::*:role/*']) } }),
    () => ({ StringEquals: { 'aws:PrincipalAccount': r.pick([s.accounts.runner, s.accounts.member]) } }),
    () => ({ StringEquals: { 'aws:PrincipalType': r.pick(['User', 'AssumedRole']) } }),
    () => ({ Bool: { 'aws:SecureTransport': r.pick(['true', 'false']) } }),
    () => ({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': s.appsOrgPath } }),
    () => ({ StringEquals: { 'aws:ResourceAccount': r.pick(Object.values(s.accounts)) } }),
  ];
  return r.pick(options)();
}

/** A function's resource-based policy: none, the runner, its account, anyone under a condition, a deny. */
function functionPolicy(r: Random, s: RelayScope, arn: string): Record<string, unknown> | undefined {
  const runner = `arn:aws:iam::${s.accounts.runner}:user/runner`;
  const allow = (principal: unknown, condition?: Record<string, unknown>): Statement => ({
    Sid: 'Invoke',
    Effect: 'Allow',
    Principal: principal,
    Action: r.pick(['lambda:InvokeFunction', 'lambda:*', 'lambda:Invoke*']),
    Resource: r.pick([arn, '*']),
    ...(condition && { Condition: condition }),
  });
  const statements = r.pick<() => Statement[] | undefined>([
    () => undefined,
    () => [allow({ AWS: runner })],
    () => [allow({ AWS: runner })],
    () => [allow({ AWS: runner })],
    () => [allow({ AWS: `arn:aws:iam::${s.accounts.runner}:root` })],
    () => [allow({ AWS: s.accounts.runner })],
    () => [allow({ AWS: `arn:aws:iam::${s.accounts.member}:root` })],
    () => [allow('*', invokeCondition(r, s))],
    () => [allow({ AWS: runner }, invokeCondition(r, s))],
    () => [
      allow({ AWS: runner }),
      {
        Sid: 'NoInvoke',
        Effect: 'Deny',
        Principal: '*',
        Action: 'lambda:InvokeFunction',
        Resource: arn,
        ...(r.chance(0.5) && { Condition: invokeCondition(r, s) }),
      },
    ],
  ])();
  return statements && { Version: '2012-10-17', Statement: statements };
}

/** The runner's lambda:InvokeFunction rights: everywhere, on the default function names, on one relay, or none. */
function runnerStatements(r: Random, arns: string[]): Statement[] {
  const invoke = (resource: string): Statement => ({
    Sid: 'InvokeRelays',
    Effect: 'Allow',
    Action: 'lambda:InvokeFunction',
    Resource: resource,
  });
  const statements = r.pick<Statement[]>([
    [],
    [invoke('*')],
    [invoke('*')],
    [invoke('*')],
    [invoke('*')],
    [invoke('arn:aws:lambda:*:*:function:lattice-e2e-relay-*')],
    [invoke(r.pick(arns))],
  ]);
  if (r.chance(0.1))
    statements.push({ Sid: 'NoRelay', Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: r.pick(arns) });
  return statements;
}

/**
 * In some worlds, one or two relays in random VPCs (of the VPC's account), each with a random function policy,
 * the runner's Invoke rights, and one or two callers (a role or a user) that send through a relay.
 */
export function drawRelays(r: Random, s: RelayScope): RelayDraw {
  const none: RelayDraw = { relays: {}, callers: {}, runnerStatements: [] };
  if (!r.chance(0.7)) return none;
  const relays: RelayDraw['relays'] = {};
  const arns: string[] = [];
  for (let i = 0, count = 1 + r.int(2); i < count; i++) {
    const name = `relay-${i}`;
    const vpc = r.pick(s.associated.length > 0 && r.chance(0.8) ? s.associated : Object.keys(s.vpcs));
    const account = s.vpcs[vpc]!.account;
    const functionName = r.chance(0.3) ? `fn_${name}` : undefined;
    const fn = functionName ?? `lattice-e2e-relay-${name}`;
    const arn = `arn:aws:lambda:${s.region}:${s.accounts[account]}:function:${fn}`;
    arns.push(arn);
    const policy = functionPolicy(r, s, arn);
    relays[name] = {
      account,
      vpc,
      ...(functionName !== undefined && { functionName }),
      ...(policy !== undefined && { policy }),
    };
  }
  const callers: RelayDraw['callers'] = {};
  for (let i = 0, count = 1 + r.int(MAX_RELAY_CALLERS); i < count; i++) {
    const relay = r.pick(Object.keys(relays));
    // Users twice over: a role's session is often refused by STS, and then nothing goes through the relay.
    const users = s.users.map((user) => ({ user }));
    const signer = r.pick([...s.roles.map((role) => ({ role })), ...users, ...users]);
    callers[`via-${i}`] =
      'role' in signer
        ? { role: signer.role, relay, ...(r.chance(0.5) && { externalId: 'ext-1' }) }
        : { user: signer.user, relay };
  }
  return { relays, callers, runnerStatements: runnerStatements(r, arns) };
}
