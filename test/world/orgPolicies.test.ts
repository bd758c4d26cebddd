import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWorld, type WorldSpec } from '../../world';
import { joinPatterns } from '../support/joinPatterns';
import { projectRoot } from '../support/paths';
import { errorMessageOf } from '../support/errorMessageOf';

// A world file beside the example worlds, so that relative policy paths resolve there.
const FILE = join(projectRoot, 'scenarios', 'worlds', 'probe.ts');
const ALLOW_INVOKE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
};

// biome-ignore lint/suspicious/noExplicitAny: a world file's shape, edited freely by each case
function world(change: (w: Record<string, any>) => void = () => undefined): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const w: Record<string, any> = {
    region: 'us-east-1',
    organization: {
      id: 'o-abcdefghij',
      rootId: 'r-ab12',
      managementAccount: 'mgmt',
      ous: { work: { id: 'ou-ab12-11111111' } },
    },
    accounts: { mgmt: { id: '111111111111' }, member: { id: '222222222222', ou: 'work' } },
    vpcs: { v: { account: 'member' } },
    users: { runner: { account: 'mgmt', identityPolicies: [ALLOW_INVOKE] } },
    roles: {
      r: {
        account: 'member',
        trustPolicy: { Statement: { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' } },
      },
    },
    serviceNetworks: {},
    services: {},
    callers: { c: { role: 'r', vpc: 'v' } },
    runner: { user: 'runner', vpc: 'v' },
  };
  change(w);
  return w;
}

const failure = (value: unknown) => errorMessageOf(() => resolveWorld(value, FILE));

const targetsOf = (spec: WorldSpec, type: 'scps' | 'rcps') =>
  Object.fromEntries((spec.organization[type] ?? []).map((p) => [p.name, p.targets]));

describe('organization policies, boundaries and session policies in a world file', () => {
  it(
    'FullAWSAccess and RCPFullAWSAccess are attached everywhere by default; ' + 'detachedFrom takes FullAWSAccess off',
    () => {
      const spec = resolveWorld(
        world((w) => {
          w.organization.policies = {
            scps: { 'allow-invoke': { document: ALLOW_INVOKE, targets: ['work'] } },
            fullAwsAccess: { detachedFrom: ['work'] },
          };
        }),
        FILE,
      );
      expect(targetsOf(spec, 'scps')).toEqual({
        FullAWSAccess: ['r-ab12', '111111111111', '222222222222'],
        'allow-invoke': ['ou-ab12-11111111'],
      });
      expect(targetsOf(spec, 'rcps')).toEqual({
        RCPFullAWSAccess: ['r-ab12', 'ou-ab12-11111111', '111111111111', '222222222222'],
      });
    },
  );

  it(
    'an SCP with a Principal, an RCP without "Principal": "*", an unknown ' +
      'target: each names the file and the field',
    () => {
      const scp = failure(
        world((w) => {
          w.organization.policies = {
            scps: {
              p: { document: { Statement: [{ ...ALLOW_INVOKE.Statement[0], Principal: '*' }] }, targets: ['root'] },
            },
          };
        }),
      );
      expect(scp).toMatch(/probe\.ts: organization\.policies\.scps\.p\.document: invalid policy/);
      const rcp = failure(
        world((w) => {
          w.organization.policies = {
            rcps: {
              p: {
                document: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*' }] },
                targets: ['root'],
              },
            },
          };
        }),
      );
      expect(rcp).toMatch(
        /organization\.policies\.rcps\.p\.document\.Statement\[0\]\.Principal: an RCP must have "Principal": "\*"/,
      );
      const target = failure(
        world((w) => {
          w.organization.policies = { scps: { p: { document: ALLOW_INVOKE, targets: ['root', 'nowhere'] } } };
        }),
      );
      expect(target).toMatch(
        joinPatterns([
          /organization\.policies\.scps\.p\.targets\[1\]: "nowhere" is not 'root', /,
          /an OU or an account of the organization \(known: root, work, mgmt, member\)/,
        ]),
      );
    },
  );

  it('a boundary and session policies are read and validated; an unknown managed policy is named', () => {
    const spec = resolveWorld(
      world((w) => {
        w.roles.r.permissionsBoundary = ALLOW_INVOKE;
        w.managedPolicies = { narrow: { account: 'member', document: ALLOW_INVOKE } };
        w.callers.c = { role: 'r', vpc: 'v', sessionPolicy: ALLOW_INVOKE, sessionPolicyArns: ['narrow'] };
      }),
      FILE,
    );
    expect(spec.roles[0]!.permissionsBoundary).toEqual(ALLOW_INVOKE);
    expect(spec.callers[0]).toMatchObject({
      sessionPolicy: ALLOW_INVOKE,
      sessionPolicyArns: ['arn:aws:iam::222222222222:policy/narrow'],
    });
    const unknown = failure(
      world((w) => {
        w.callers.c = { role: 'r', vpc: 'v', sessionPolicyArns: ['wide'] };
      }),
    );
    expect(unknown).toMatch(
      /callers\.c\.sessionPolicyArns\[0\]: "wide" is no policy of managedPolicies \(known: none\)/,
    );
    const boundary = failure(
      world((w) => {
        w.roles.r.permissionsBoundary = 'no-such-file.json';
      }),
    );
    expect(boundary).toMatch(/roles\.r\.permissionsBoundary: cannot read .*no-such-file\.json: ENOENT/);
  });
});
