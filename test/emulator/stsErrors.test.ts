import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { seedWorld } from '../../world';
import { classifyResponse } from '../../harness/classify/classifyResponse';
import { signRequest } from '../../harness/request/signRequest';
import { sendRequest } from '../../harness/send/sendRequest';

// A clock the test moves; the SDK signs with the same time (systemClockOffset), as after skew correction.
const clock = {
  t: Date.now(),
  now() {
    return new Date(this.t);
  },
};
const PARKING = 'parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
let local: LocalWorld;
const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new STSClient({
    region: 'us-east-1',
    endpoint: local.stsEndpoint,
    credentials,
    maxAttempts: 1,
    systemClockOffset: clock.t - Date.now(),
  });

beforeAll(async () => {
  local = await startLocalWorld({ clock });
});
afterAll(() => local.close());

describe('STS errors reach the AWS SDK as its typed exceptions', () => {
  it('ValidationError for a DurationSeconds out of bounds and a bad session name', async () => {
    const sts = client(local.world.runnerKey);
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/lattice-invoker',
          RoleSessionName: 'ok-name',
          DurationSeconds: 899,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'durationSeconds' failed to satisfy constraint"),
    });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/lattice-invoker',
          RoleSessionName: 'bad name',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('ExpiredToken once a session has expired, at STS and (as ExpiredTokenException) at Lattice', async () => {
    const out = await client(local.world.runnerKey).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/lattice-invoker',
        RoleSessionName: 'short',
        DurationSeconds: 900,
      }),
    );
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken,
    };
    await expect(client(session).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Arn: 'arn:aws:sts::222222222222:assumed-role/lattice-invoker/short',
    });

    clock.t += 901_000;
    await expect(client(session).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
    const request = await signRequest(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: PARKING,
        path: '/',
        query: {},
        headers: { host: PARKING, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      { region: 'us-east-1', credentials: session, signingDate: clock.now() },
    );
    const answer = await sendRequest(request, {
      timeoutMs: 5000,
      connectTo: local.dataPlane,
      localAddress: '127.0.0.11',
    });
    expect(answer).toMatchObject({
      kind: 'response',
      status: 403,
      body: 'ExpiredTokenException: The security token included in the request is expired',
    });
    expect(classifyResponse(answer)).toMatchObject({ kind: 'signature-rejected', code: 'ExpiredTokenException' });
  });
});

describe('session policies (Policy, PolicyArns) narrow the session STS issues', () => {
  const ROLE = 'arn:aws:iam::222222222222:role/lattice-invoker';
  const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0/';
  const invokeAs = async (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => {
    const request = await signRequest(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: PARKING,
        path: '/',
        query: {},
        headers: { host: PARKING, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      { region: 'us-east-1', credentials, signingDate: clock.now() },
    );
    return sendRequest(request, { timeoutMs: 5000, connectTo: local.dataPlane, localAddress: '127.0.0.11' });
  };
  const assume = async (name: string, Policy: string) => {
    const out = await client(local.world.runnerKey).send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: name, Policy }),
    );
    const c = out.Credentials!;
    return {
      out,
      credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
    };
  };

  it(
    'a session policy that does not allow Invoke: the session is issued and ' +
      'Lattice refuses it, naming the session policy',
    async () => {
      const { out, credentials } = await assume(
        'scoped',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        }),
      );
      expect(out.PackedPolicySize).toBeGreaterThan(0);
      const answer = await invokeAs(credentials);
      // The IAM User Guide's documented form for a session policy refusal (troubleshoot_access-denied.html).
      expect(answer).toMatchObject({
        kind: 'response',
        status: 403,
        body:
          'AccessDeniedException: User: ' +
          'arn:aws:sts::222222222222:assumed-role/lattice-invoker/scoped is not ' +
          'authorized to perform: ' +
          `vpc-lattice-svcs:Invoke on resource: ${SERVICE} because no session ` +
          `policy allows the vpc-lattice-svcs:Invoke action`,
      });
      expect(classifyResponse(answer)).toMatchObject({ kind: 'denied', layer: 'session', explicit: false });
    },
  );

  it('a session policy that allows Invoke leaves the call allowed', async () => {
    const { credentials } = await assume(
      'scoped-invoke',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
      }),
    );
    expect(await invokeAs(credentials)).toMatchObject({ kind: 'response', status: 200 });
  });

  it('a malformed Policy is MalformedPolicyDocument; an unknown PolicyArns entry is refused', async () => {
    // A client per call: the SDK corrects its clock from an error answer's Date header.
    const sts = () => client(local.world.runnerKey);
    await expect(
      sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'bad', Policy: '{"Statement": [' })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await expect(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: ROLE,
          RoleSessionName: 'bad',
          PolicyArns: [{ arn: 'arn:aws:iam::222222222222:policy/none' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('arn:aws:iam::222222222222:policy/none'),
    });
  });
});

describe('AssumeRole within one account', () => {
  const world = async () => {
    const spec = seedWorld();
    const tooling = spec.runner.account;
    const trust = (principal: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
    });
    // The runner's identity policy allows sts:AssumeRole only on roles named lattice-*: these two are not.
    spec.roles.push(
      {
        name: 'probe-trusts-account',
        account: tooling,
        trustPolicy: trust(`arn:aws:iam::${tooling}:root`),
        identityPolicies: [],
      },
      {
        name: 'probe-trusts-runner',
        account: tooling,
        trustPolicy: trust(`arn:aws:iam::${tooling}:user/${spec.runner.userName}`),
        identityPolicies: [],
      },
    );
    return startLocalWorld({ spec });
  };

  it(
    "needs the caller's identity policy too when the trust policy trusts " +
      'the account, not when it names the caller',
    async () => {
      const same = await world();
      try {
        const sts = new STSClient({
          region: 'us-east-1',
          endpoint: same.stsEndpoint,
          credentials: same.world.runnerKey,
          maxAttempts: 1,
        });
        await expect(
          sts.send(
            new AssumeRoleCommand({
              RoleArn: 'arn:aws:iam::333333333333:role/probe-trusts-account',
              RoleSessionName: 'by-account',
            }),
          ),
        ).rejects.toMatchObject({ name: 'AccessDenied' });
        await expect(
          sts.send(
            new AssumeRoleCommand({
              RoleArn: 'arn:aws:iam::333333333333:role/probe-trusts-runner',
              RoleSessionName: 'by-name',
            }),
          ),
        ).resolves.toMatchObject({
          AssumedRoleUser: { Arn: 'arn:aws:sts::333333333333:assumed-role/probe-trusts-runner/by-name' },
        });
      } finally {
        await same.close();
      }
    },
  );
});
