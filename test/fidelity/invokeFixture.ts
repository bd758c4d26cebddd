import { parsePolicy, type InvokeAuthInput, type InvokeCaller, type Policy } from '../../policy';

export const SERVICE_ARN = 'arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0';
export const NETWORK_ARN = 'arn:aws:vpc-lattice:us-west-2:123456789012:servicenetwork/sn-0123456789abcdef0';
export const ORG = 'o-a1b2c3d4e5';
export const INVOKE = 'vpc-lattice-svcs:Invoke';
export const ISSUED = new Date('2025-06-01T11:00:00.000Z');
export const NOW = new Date('2025-06-01T12:00:00.000Z');

export const allowAll = (kind: 'resource' | 'identity' = 'resource') =>
  parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', ...(kind === 'resource' && { Principal: '*' }), Action: INVOKE, Resource: '*' }],
    },
    { kind },
  );

/** An auth policy that allows everyone, and denies under `condition` (the guardrail under test). */
export const denyWhen = (condition: Record<string, unknown>): Policy =>
  parsePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: '*' },
        { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: INVOKE, Resource: '*', Condition: condition },
      ],
    },
    { kind: 'resource' },
  );

/** A role session of account 222222222222, in the organization, issued at ISSUED. */
export function roleSession(overrides: Partial<InvokeCaller> = {}): InvokeCaller {
  return {
    kind: 'iam',
    arn: 'arn:aws:sts::222222222222:assumed-role/rates-client/session-1',
    roleArn: 'arn:aws:iam::222222222222:role/rates-client',
    account: '222222222222',
    userId: 'AROAEXAMPLEID:session-1',
    orgId: ORG,
    orgPaths: [`${ORG}/r-ab12/ou-ab12-11111111/`],
    principalTags: { team: 'payments' },
    identityPolicies: [allowAll('identity')],
    tokenIssueTime: ISSUED,
    ...overrides,
  };
}

/** An IAM user of account 222222222222 signing with its own (long-term) keys. */
export const iamUser = (): InvokeCaller =>
  roleSession({
    arn: 'arn:aws:iam::222222222222:user/alice',
    roleArn: 'arn:aws:iam::222222222222:user/alice',
    userId: 'AIDAEXAMPLEID',
    principalType: 'User',
    tokenIssueTime: undefined,
  });

export interface Setup {
  caller?: InvokeAuthInput['caller'];
  networkPolicy?: Policy;
  request?: Partial<InvokeAuthInput['request']>;
  service?: Partial<InvokeAuthInput['service']>;
}

export function invokeInput(setup: Setup = {}): InvokeAuthInput {
  return {
    caller: setup.caller ?? roleSession(),
    request: {
      method: 'GET',
      path: '/rates',
      port: 443,
      headers: { host: ['rates.example'], 'user-agent': ['aws-sdk-js/3'] },
      query: {},
      sourceIp: '10.0.1.23',
      secureTransport: true,
      time: NOW,
      ...setup.request,
    },
    service: { arn: SERVICE_ARN, authType: 'AWS_IAM', policy: allowAll(), ...setup.service },
    network: { arn: NETWORK_ARN, authType: 'AWS_IAM', policy: setup.networkPolicy ?? allowAll() },
    sourceVpc: {
      arn: 'arn:aws:ec2:us-west-2:333333333333:vpc/vpc-1a2b3c4d',
      id: 'vpc-1a2b3c4d',
      ownerAccount: '333333333333',
    },
    sourceOrgIdMode: 'principal',
  };
}
