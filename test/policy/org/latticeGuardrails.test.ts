import { describe, expect, it } from 'vitest';
import {
  authorizeInvoke,
  getRcpFullAwsAccess,
  parsePolicy,
  type InvokeAuthInput,
  type InvokeCaller,
  type Policy,
} from '../../../policy';
import { allow, deny, identity, levels } from './support';

// The caller, the service and the texts the IAM User Guide documents for each policy type
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html,
// "Access denied error message examples"); Lattice's own wording for them is a guess.
const SERVICE_ARN = 'arn:aws:vpc-lattice:us-east-1:444455556666:service/svc-0123456789abcdef0';
const NETWORK_ARN = 'arn:aws:vpc-lattice:us-east-1:444455556666:servicenetwork/sn-0123456789abcdef0';
const CALLER = 'arn:aws:sts::111122223333:assumed-role/examplerole/examplerolesessionname';
const INVOKE = 'vpc-lattice-svcs:Invoke';
const head =
  `AccessDeniedException: User: ${CALLER} is not authorized to perform: ` +
  `${INVOKE} on resource: ${SERVICE_ARN}/parking`;

const allowEveryone: Policy = parsePolicy(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: '*' }] },
  { kind: 'resource' },
);

function input(caller: Partial<InvokeCaller> = {}, extra: Partial<InvokeAuthInput> = {}): InvokeAuthInput {
  return {
    caller: {
      kind: 'iam',
      arn: CALLER,
      roleArn: 'arn:aws:iam::111122223333:role/examplerole',
      account: '111122223333',
      userId: 'AROAEXAMPLE:examplerolesessionname',
      orgId: 'o-exampleorgid',
      principalTags: {},
      identityPolicies: [identity(allow(INVOKE))],
      ...caller,
    },
    request: {
      method: 'GET',
      path: '/parking',
      port: 443,
      headers: {},
      query: {},
      sourceIp: '10.0.0.1',
      secureTransport: true,
      time: new Date('2025-06-01T00:00:00Z'),
    },
    service: { arn: SERVICE_ARN, authType: 'AWS_IAM', policy: allowEveryone },
    network: { arn: NETWORK_ARN, authType: 'AWS_IAM', policy: allowEveryone },
    sourceVpc: { arn: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1', id: 'vpc-1', ownerAccount: '111122223333' },
    sourceOrgIdMode: 'principal',
    ...extra,
  };
}

describe('authorizeInvoke: organization (SCPs)', () => {
  it('FullAWSAccess at every level: allowed, each guardrail explained', () => {
    const result = authorizeInvoke(input({ scpLevels: levels() }));
    expect(result.allowed).toBe(true);
    expect(result.guardrails.map((g) => [g.layer, g.policyType, g.decision])).toEqual([
      ['organization', 'scp', 'Allow'],
      ['organization', 'rcp', 'NotApplicable'],
      ['boundary', 'boundary', 'NotApplicable'],
      ['session', 'session', 'NotApplicable'],
    ]);
  });

  it('an SCP Deny on vpc-lattice-svcs:Invoke: "with an explicit deny in a service control policy"', () => {
    const result = authorizeInvoke(input({ scpLevels: levels({ ou: [identity(deny('vpc-lattice-svcs:*'))] }) }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'organization',
      source: 'scp',
      explicit: true,
      message: `${head} with an explicit deny in a service control policy`,
    });
  });

  it(
    'an OU whose only SCP is a Deny list: "because no service control ' +
      'policy allows the vpc-lattice-svcs:Invoke action"',
    () => {
      const result = authorizeInvoke(input({ scpLevels: levels({ ou: [identity(deny('ec2:*'))] }, { ou: true }) }));
      expect(result).toMatchObject({
        allowed: false,
        layer: 'organization',
        explicit: false,
        message: `${head} because no service control policy allows the ${INVOKE} action`,
      });
    },
  );

  it('the management account is not restricted by SCPs', () => {
    const result = authorizeInvoke(
      input({ scpLevels: levels({ root: [identity(deny('*'))] }), isManagementAccount: true }),
    );
    expect(result.allowed).toBe(true);
  });

  it('SCPs do not come into play when neither the network nor the service uses AWS_IAM', () => {
    const none = { authType: 'NONE' as const };
    const result = authorizeInvoke(
      input(
        { scpLevels: levels({ root: [identity(deny('*'))] }) },
        { service: { arn: SERVICE_ARN, ...none }, network: { arn: NETWORK_ARN, ...none } },
      ),
    );
    expect(result.allowed).toBe(true);
    expect(result.guardrails.every((g) => g.decision === 'NotApplicable')).toBe(true);
  });

  it('RCPs on the service owner apply only if the setting says RCPs cover vpc-lattice-svcs', () => {
    const denyAll = parsePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] },
      { kind: 'resource' },
    );
    const service = {
      arn: SERVICE_ARN,
      authType: 'AWS_IAM' as const,
      policy: allowEveryone,
      rcpLevels: [{ id: 'r-cd34', policies: [getRcpFullAwsAccess(), denyAll] }],
    };
    expect(authorizeInvoke(input({}, { service })).allowed).toBe(true);
    const covered = authorizeInvoke(input({}, { service, orgSettings: { rcpServices: ['vpc-lattice-svcs'] } }));
    expect(covered).toMatchObject({
      allowed: false,
      layer: 'organization',
      source: 'rcp',
      message: `${head} with an explicit deny in a resource control policy`,
    });
  });
});

describe('authorizeInvoke: permissions boundary and session policies', () => {
  it('identity ∩ boundary: a boundary without Invoke refuses, "because no permissions boundary allows ..."', () => {
    const result = authorizeInvoke(input({ boundary: identity(allow('s3:*')) }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'boundary',
      explicit: false,
      message: `${head} because no permissions boundary allows the ${INVOKE} action`,
    });
  });

  it('an explicit deny in the boundary: "with an explicit deny in a permissions boundary"', () => {
    const result = authorizeInvoke(input({ boundary: identity(allow('*'), deny(INVOKE)) }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'boundary',
      explicit: true,
      message: `${head} with an explicit deny in a permissions boundary`,
    });
  });

  it('role ∩ session policy: a session policy without Invoke refuses, "because no session policy allows ..."', () => {
    const result = authorizeInvoke(input({ sessionPolicies: [identity(allow('s3:GetObject'))] }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'session',
      explicit: false,
      message: `${head} because no session policy allows the ${INVOKE} action`,
    });
  });

  it('an explicit deny in a session policy: "with an explicit deny in a session policy"', () => {
    const result = authorizeInvoke(input({ sessionPolicies: [identity(allow('*'), deny(INVOKE))] }));
    expect(result).toMatchObject({
      allowed: false,
      layer: 'session',
      explicit: true,
      message: `${head} with an explicit deny in a session policy`,
    });
  });

  it(
    'a session policy cannot widen the role: Invoke allowed by the session ' +
      'policy only is an identity-based refusal',
    () => {
      const result = authorizeInvoke(
        input({ identityPolicies: [identity(allow('s3:*'))], sessionPolicies: [identity(allow('*'))] }),
      );
      expect(result).toMatchObject({ allowed: false, layer: 'identity', explicit: false });
    },
  );

  it('explicit denies are named first: a session-policy Deny over a network policy that does not allow', () => {
    const networkOther = parsePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] },
      { kind: 'resource' },
    );
    const result = authorizeInvoke(
      input(
        { sessionPolicies: [identity(deny(INVOKE))] },
        { network: { arn: NETWORK_ARN, authType: 'AWS_IAM', policy: networkOther } },
      ),
    );
    expect(result).toMatchObject({ allowed: false, layer: 'session', explicit: true });
  });

  it('among implicit denies the organization comes first, then network, service, identity, boundary, session', () => {
    const scpLevels = levels({ ou: [identity(deny('ec2:*'))] }, { ou: true });
    expect(authorizeInvoke(input({ scpLevels, boundary: identity(allow('s3:*')) }))).toMatchObject({
      layer: 'organization',
    });
    expect(authorizeInvoke(input({ identityPolicies: [], boundary: identity(allow('s3:*')) }))).toMatchObject({
      layer: 'identity',
    });
  });
});
