/**
 * The world the benchmarks run: a service `parking` (HTTP on 80) in a service network whose auth
 * policy lets the organization's principals in, `roles` caller roles in an in-org account, each a
 * caller of its own (`caller-01`...), and the runner in a tooling account. Resolved by the same
 * resolveWorld a world file goes through.
 */
import { resolveWorld, type WorldSpec } from '../../world';
import type { WorldConfig } from '../../world/config';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';

export const ORG_ID = 'o-b3nchm4rk0';
export const SUCCESS_BODY = '"Lattice Success!"';

export interface BenchWorldOptions {
  /** Caller roles, one caller each. */
  roles: number;
  /** The service's target: a fixed answer (default) or an upstream server. */
  upstream?: string;
}

export const callerName = (i: number) => `caller-${String(i + 1).padStart(2, '0')}`;

export function benchWorldConfig({ roles, upstream }: BenchWorldOptions): WorldConfig {
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::333333333333:root' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ],
  };
  const invoke = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
  };
  const guardrail = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'vpc-lattice-svcs:Invoke',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
      },
    ],
  };
  const roleConfigs: NonNullable<WorldConfig['roles']> = {};
  const callers: WorldConfig['callers'] = {};
  for (let i = 0; i < roles; i++) {
    roleConfigs[`role-${i}`] = {
      account: 'consumer',
      name: `lattice-bench-${i + 1}`,
      trustPolicy: trust,
      identityPolicies: [invoke],
    };
    callers[callerName(i)] = { role: `role-${i}`, vpc: 'consumer-vpc' };
  }
  return {
    region: 'us-east-1',
    organization: { id: ORG_ID },
    accounts: {
      owner: { id: '111111111111' },
      consumer: { id: '222222222222' },
      tooling: { id: '333333333333' },
    },
    vpcs: {
      'consumer-vpc': { account: 'consumer', address: '127.0.0.11' },
      'tooling-vpc': { account: 'tooling', address: '127.0.0.13' },
    },
    users: {
      runner: {
        account: 'tooling',
        identityPolicies: [
          {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }],
          },
        ],
      },
    },
    roles: roleConfigs,
    serviceNetworks: {
      network: {
        account: 'owner',
        authType: 'AWS_IAM',
        authPolicy: guardrail,
        vpcs: ['consumer-vpc', 'tooling-vpc'],
        services: ['parking'],
      },
    },
    services: {
      parking: {
        account: 'owner',
        authType: 'NONE',
        listeners: [{ protocol: 'HTTP' }],
        target: upstream ? { upstream } : { fixed: { status: 200, body: SUCCESS_BODY } },
      },
    },
    callers,
    runner: { user: 'runner', vpc: 'tooling-vpc' },
  };
}

export function benchWorld(options: BenchWorldOptions): WorldSpec {
  return resolveWorld(benchWorldConfig(options), 'bench/support/benchWorld.ts');
}

/**
 * `perRole` calls for each of the environment's first `roles` callers, interleaved (call k of every
 * caller, then call k + 1), each expecting 200 and the success body: a plan as a scenario file makes it.
 */
export function benchCalls(env: ResolvedEnvironment, roles: number, perRole: number): PlannedCall[] {
  const calls = [];
  for (let k = 0; k < perRole; k++) {
    for (let i = 0; i < roles; i++) {
      calls.push({
        caller: callerName(i),
        name: `${callerName(i)} #${k + 1}`,
        expect: { allow: { status: 200, body: SUCCESS_BODY } },
      });
    }
  }
  return resolveScenario('bench', 'bench/support/benchWorld.ts', { service: 'parking', calls }, env);
}
