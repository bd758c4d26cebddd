import { connect } from 'node:net';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { signRequest } from '../../harness/request/signRequest';
import { sendRequest, type HttpAnswer } from '../../harness/send/sendRequest';

const SERVICE_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const PARKING = 'parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
const VPC_B = '127.0.0.11';
const denial = (principal: string, tail: string, path = '') =>
  `AccessDeniedException: User: ${principal} is not authorized to ` +
  `perform: vpc-lattice-svcs:Invoke on resource: ${SERVICE_ARN}/${path} ` +
  `${tail}`;

let local: LocalWorld;
let sts: STSClient;

beforeAll(async () => {
  local = await startLocalWorld();
  const { accessKeyId, secretAccessKey } = local.world.runnerKey;
  sts = new STSClient({
    region: 'us-east-1',
    endpoint: local.stsEndpoint,
    credentials: { accessKeyId, secretAccessKey },
  });
});
afterAll(() => local.close());

async function assume(
  roleArn: string,
  sessionName = 'test-session',
  externalId?: string,
): Promise<AwsCredentialIdentity> {
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ExternalId: externalId }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

async function invoke(
  credentials: AwsCredentialIdentity | undefined,
  options: { path?: string; tamper?: (h: Record<string, string>) => void; headers?: Record<string, string> } = {},
) {
  let request = {
    method: 'POST',
    protocol: 'http:',
    hostname: PARKING,
    path: options.path ?? '/',
    query: {},
    headers: { host: PARKING, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...options.headers } as Record<
      string,
      string
    >,
  };
  if (credentials) request = (await signRequest(request, { region: 'us-east-1', credentials })) as typeof request;
  options.tamper?.(request.headers);
  const answer = await sendRequest(request, { timeoutMs: 5000, connectTo: local.dataPlane, localAddress: VPC_B });
  expect(answer.kind).toBe('response');
  return answer as HttpAnswer;
}

describe('local STS with the real AWS SDK client', () => {
  it('knows the runner (GetCallerIdentity) and issues session credentials (AssumeRole)', async () => {
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:iam::333333333333:user/lattice-e2e-runner');
    expect(me.Account).toBe('333333333333');
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/lattice-invoker', RoleSessionName: 'sdk' }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/lattice-invoker/sdk');
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials!.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const bad = new STSClient({
      region: 'us-east-1',
      endpoint: local.stsEndpoint,
      credentials: { accessKeyId: local.world.runnerKey.accessKeyId, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    await expect(bad.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('refuses an unknown access key with InvalidClientTokenId', async () => {
    const bad = new STSClient({
      region: 'us-east-1',
      endpoint: local.stsEndpoint,
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await expect(bad.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('evaluates the trust policy: the outsider role wants its external ID', async () => {
    const roleArn = 'arn:aws:iam::444444444444:role/lattice-invoker';
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-external-id' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        `User: arn:aws:iam::333333333333:user/lattice-e2e-runner is not ` +
        `authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    });
    await expect(assume(roleArn, 'wrong-id', 'wrong')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume(roleArn, 'right-id', 'lattice-e2e-outsider')).resolves.toMatchObject({
      accessKeyId: expect.stringMatching(/^ASIA/),
    });
  });
});

describe('local Lattice data plane', () => {
  it("allows the in-org role with the target's answer", async () => {
    const answer = await invoke(await assume('arn:aws:iam::222222222222:role/lattice-invoker'));
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('"Lattice Success!"');
  });

  it('refuses a request signed with a wrong secret', async () => {
    const creds = await assume('arn:aws:iam::222222222222:role/lattice-invoker');
    const answer = await invoke({ ...creds, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(
      /^InvalidSignatureException: The request signature we calculated does not match the signature you provided/,
    );
  });

  it('refuses a request whose signed header was changed after signing', async () => {
    const creds = await assume('arn:aws:iam::222222222222:role/lattice-invoker');
    const answer = await invoke(creds, { headers: { 'x-team': 'b' }, tamper: (h) => (h['x-team'] = 'c') });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/^InvalidSignatureException: /);
  });

  it('refuses a signed payload and an unsigned x-amz-content-sha256 with the documented texts', async () => {
    const creds = await assume('arn:aws:iam::222222222222:role/lattice-invoker');
    const signedPayload = await invoke(creds, {
      headers: { 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    });
    expect(signedPayload.status).toBe(403);
    expect(signedPayload.body).toBe('InvalidSignatureException: Signed payloads are not supported');
  });

  it('names the identity layer when the role has no Invoke permission', async () => {
    const answer = await invoke(await assume('arn:aws:iam::222222222222:role/lattice-no-invoke', 'nope'), {
      path: '/parking',
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toBe(
      denial(
        'arn:aws:sts::222222222222:assumed-role/lattice-no-invoke/nope',
        'because no identity-based policy allows the vpc-lattice-svcs:Invoke action',
        'parking',
      ),
    );
  });

  it('refuses an anonymous caller at the network layer, naming "anonymous"', async () => {
    const answer = await invoke(undefined);
    expect(answer.status).toBe(403);
    expect(answer.body).toBe(
      denial('anonymous', 'because no network-based policy allows the vpc-lattice-svcs:Invoke action'),
    );
  });

  it('reads the path of an absolute-form request target as the path', async () => {
    const socket = connect({ host: local.dataPlane.address, port: local.dataPlane.port, localAddress: VPC_B });
    socket.end(
      `POST http://${PARKING}/parking?x=1 HTTP/1.1\r\nHost: ` +
        `${PARKING}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    let raw = '';
    for await (const chunk of socket) raw += chunk;
    expect(raw.split('\r\n\r\n')[1]).toBe(
      denial('anonymous', 'because no network-based policy allows the vpc-lattice-svcs:Invoke action', 'parking'),
    );
  });

  it('gives no HTTP answer to a VPC that is not associated with the service network', async () => {
    const creds = await assume('arn:aws:iam::222222222222:role/lattice-invoker');
    const request = await signRequest(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: PARKING,
        path: '/',
        query: {},
        headers: { host: PARKING, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      { region: 'us-east-1', credentials: creds },
    );
    const answer = await sendRequest(request, {
      timeoutMs: 5000,
      connectTo: local.dataPlane,
      localAddress: '127.0.0.14',
    });
    expect(answer.kind).toBe('no-response');
  });
});
