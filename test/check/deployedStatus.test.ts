import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { checkDeployedPolicies } from '../../harness/check/deployed/checkDeployedPolicies';

const ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
};

/** A control plane that answers GetService and GetAuthPolicy from a script. */
function stub(service: Record<string, unknown>, authPolicy: Record<string, unknown>): VPCLatticeClient {
  return {
    send: async (command: { constructor: { name: string } }) =>
      command.constructor.name === 'GetServiceCommand' ? service : authPolicy,
  } as unknown as VPCLatticeClient;
}

async function statusOf(service: Record<string, unknown>, authPolicy: Record<string, unknown>) {
  const report = await checkDeployedPolicies([{ resourceArn: ARN, document: POLICY }], {
    environment: 't',
    clientFor: () => stub(service, authPolicy),
    timeoutMs: 1000,
  });
  return report.checks[0];
}

describe('check --deployed never says "same" for an answer it cannot vouch for', () => {
  const policy = JSON.stringify(POLICY);

  it('same only for AWS_IAM with an Active policy equal to the code', async () => {
    expect(await statusOf({ name: 's', authType: 'AWS_IAM' }, { policy, state: 'Active' })).toMatchObject({
      status: 'same',
    });
  });

  it('NONE or Inactive is inactive', async () => {
    expect(await statusOf({ name: 's', authType: 'NONE' }, { policy, state: 'Inactive' })).toMatchObject({
      status: 'inactive',
    });
    expect(await statusOf({ name: 's', authType: 'AWS_IAM' }, { policy, state: 'Inactive' })).toMatchObject({
      status: 'inactive',
    });
  });

  it('a missing or unknown auth type or policy state is an error', async () => {
    for (const [service, auth] of [
      [{ name: 's' }, { policy, state: 'Active' }],
      [
        { name: 's', authType: 'none' },
        { policy, state: 'Active' },
      ],
      [{ name: 's', authType: 'AWS_IAM' }, { policy }],
      [
        { name: 's', authType: 'AWS_IAM' },
        { policy, state: 'Pending' },
      ],
    ] as const) {
      expect(await statusOf(service, auth), JSON.stringify([service, auth])).toMatchObject({
        status: 'error',
        error: { name: 'UnexpectedResponse' },
      });
    }
  });

  it('a deployed policy that is JSON but not an object is an error, not an empty policy', async () => {
    for (const text of ['null', '[]', '"x"', '5']) {
      expect(await statusOf({ name: 's', authType: 'AWS_IAM' }, { policy: text, state: 'Active' }), text).toMatchObject(
        { status: 'error', error: { name: 'InvalidPolicyDocument' } },
      );
    }
  });

  it('an answer without a body fails that resource with an error, not the report', async () => {
    const report = await checkDeployedPolicies([{ resourceArn: ARN, document: POLICY }], {
      environment: 't',
      clientFor: () => ({ send: async () => undefined }) as unknown as VPCLatticeClient,
      timeoutMs: 1000,
    });
    expect(report.checks[0]).toMatchObject({ status: 'error', error: { name: 'UnexpectedResponse' } });
  });
});
