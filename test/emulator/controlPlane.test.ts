import {
  DeleteAuthPolicyCommand,
  GetAuthPolicyCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  PutAuthPolicyCommand,
  UpdateServiceCommand,
  UpdateServiceNetworkCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import {
  assume,
  INVOKER_B,
  invoke,
  latticeClient,
  manualClock,
  NETWORK_ARN,
  PARKING,
  PARKING_ARN,
} from './support/localCalls';

const DELAY_MS = 30_000;
const clock = manualClock();
let local: LocalWorld;

beforeAll(async () => {
  local = await startLocalWorld({ clock, propagationDelayMs: DELAY_MS });
});
afterAll(() => local.close());

/** The consumer-b invoker's answer from the parking service, signed at the world's (manual) time. */
async function parkingAnswer() {
  const credentials = await assume(local, INVOKER_B, 'propagation');
  const answer = await invoke(local, credentials, { signingDate: clock.now() });
  if (answer.kind !== 'response') throw new Error(`no answer: ${answer.code}`);
  return { status: answer.status, body: answer.body };
}

const DENY_B = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'NotB',
      Effect: 'Deny',
      Principal: { AWS: '222222222222' },
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: '*',
    },
    { Sid: 'Others', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
  ],
});

describe('control plane through @aws-sdk/client-vpc-lattice', () => {
  it('GetAuthPolicy returns the seed network policy as AWS stores it, Active, with timestamps', async () => {
    const out = await latticeClient(local).send(
      new GetAuthPolicyCommand({ resourceIdentifier: 'sn-0123456789abcdef0' }),
    );
    expect(out.state).toBe('Active');
    expect(out.createdAt).toBeInstanceOf(Date);
    expect(out.lastUpdatedAt).toBeInstanceOf(Date);
    // The file has no Version and a single Statement object: AWS adds 2008-10-17 and wraps it (§7).
    expect(JSON.parse(out.policy!)).toEqual({
      Version: '2008-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } },
        },
      ],
    });
    expect(Object.keys(JSON.parse(out.policy!))).toEqual(['Version', 'Statement']);
  });

  it('GetService / GetServiceNetwork report the auth type, by ID or by ARN', async () => {
    const client = latticeClient(local);
    const service = await client.send(new GetServiceCommand({ serviceIdentifier: PARKING_ARN }));
    expect(service).toMatchObject({
      id: 'svc-0123456789abcdef0',
      name: 'parking',
      arn: PARKING_ARN,
      authType: 'AWS_IAM',
      status: 'ACTIVE',
      dnsEntry: { domainName: PARKING },
    });
    const network = await client.send(
      new GetServiceNetworkCommand({ serviceNetworkIdentifier: 'sn-0123456789abcdef0' }),
    );
    expect(network).toMatchObject({
      arn: NETWORK_ARN,
      name: 'guarded-network',
      authType: 'AWS_IAM',
      numberOfAssociatedVPCs: 3,
      numberOfAssociatedServices: 2,
    });
  });

  it('a new policy is reported at once and enforced only after the propagation delay', async () => {
    expect(await parkingAnswer()).toEqual({ status: 200, body: '"Lattice Success!"' });
    const put = await latticeClient(local).send(
      new PutAuthPolicyCommand({ resourceIdentifier: 'svc-0123456789abcdef0', policy: DENY_B }),
    );
    expect(put.state).toBe('Active');
    expect(JSON.parse(put.policy!)).toEqual(JSON.parse(DENY_B));
    const got = await latticeClient(local).send(new GetAuthPolicyCommand({ resourceIdentifier: PARKING_ARN }));
    expect(JSON.parse(got.policy!)).toEqual(JSON.parse(DENY_B));
    expect(local.world.authPendingUntil(PARKING_ARN)?.getTime()).toBe(clock.now().getTime() + DELAY_MS);

    clock.advance(DELAY_MS - 1);
    expect(await parkingAnswer()).toEqual({ status: 200, body: '"Lattice Success!"' });
    clock.advance(1);
    const denied = await parkingAnswer();
    expect(denied.status).toBe(403);
    expect(denied.body).toBe(
      `AccessDeniedException: User: ` +
        `arn:aws:sts::222222222222:assumed-role/lattice-invoker/propagation is ` +
        `not authorized to perform: vpc-lattice-svcs:Invoke on resource: ` +
        `${PARKING_ARN}/ with an explicit deny in a service-based policy`,
    );
  });

  it('switching the auth type to NONE makes the policy Inactive at once and lifts it after the delay', async () => {
    const client = latticeClient(local);
    const updated = await client.send(new UpdateServiceCommand({ serviceIdentifier: PARKING_ARN, authType: 'NONE' }));
    expect(updated).toMatchObject({ arn: PARKING_ARN, name: 'parking', authType: 'NONE' });
    expect((await client.send(new GetAuthPolicyCommand({ resourceIdentifier: PARKING_ARN }))).state).toBe('Inactive');
    expect((await client.send(new GetServiceCommand({ serviceIdentifier: PARKING_ARN }))).authType).toBe('NONE');
    expect((await parkingAnswer()).status).toBe(403);
    clock.advance(DELAY_MS);
    expect(await parkingAnswer()).toEqual({ status: 200, body: '"Lattice Success!"' });
  });

  it('removing a policy fails while the auth type is AWS_IAM, and works once it is NONE', async () => {
    const client = latticeClient(local);
    await client.send(new UpdateServiceCommand({ serviceIdentifier: PARKING_ARN, authType: 'AWS_IAM' }));
    await expect(client.send(new DeleteAuthPolicyCommand({ resourceIdentifier: PARKING_ARN }))).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
      resourceId: PARKING_ARN,
      resourceType: 'SERVICE',
      message: expect.stringContaining('Set the auth type to NONE first'),
    });
    await client.send(new UpdateServiceCommand({ serviceIdentifier: PARKING_ARN, authType: 'NONE' }));
    await client.send(new DeleteAuthPolicyCommand({ resourceIdentifier: PARKING_ARN }));
    await expect(client.send(new GetAuthPolicyCommand({ resourceIdentifier: PARKING_ARN }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('a network auth type change propagates too', async () => {
    const client = latticeClient(local);
    const out = await client.send(
      new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: NETWORK_ARN, authType: 'NONE' }),
    );
    expect(out).toMatchObject({ arn: NETWORK_ARN, authType: 'NONE' });
    expect((await client.send(new GetAuthPolicyCommand({ resourceIdentifier: NETWORK_ARN }))).state).toBe('Inactive');
    expect(local.world.authOf(NETWORK_ARN).authType).toBe('AWS_IAM');
    clock.advance(DELAY_MS);
    expect(local.world.authOf(NETWORK_ARN).authType).toBe('NONE');
  });
});

describe('control plane refusals, in the shapes the SDK types', () => {
  it('refuses a bad policy with ValidationException naming what and where', async () => {
    const client = latticeClient(local);
    const bad = JSON.stringify({
      Statement: [
        {
          Sid: 'Org',
          Effect: 'Allow',
          Principal: '*',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: { StringEqualz: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ],
    });
    const error = await client
      .send(new PutAuthPolicyCommand({ resourceIdentifier: PARKING_ARN, policy: bad }))
      .catch((e) => e);
    expect(error).toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      reason: 'fieldValidationFailed',
    });
    expect(error.message).toMatch(
      /^Invalid auth policy: UnknownOperator at Statement\[0\] \(Sid "Org"\)\.Condition\.StringEqualz/,
    );
    expect(error.fieldList).toEqual([{ name: 'policy', message: expect.stringContaining('StringEqualz') }]);

    const notJson = await client
      .send(new PutAuthPolicyCommand({ resourceIdentifier: PARKING_ARN, policy: '{"Statement": [' }))
      .catch((e) => e);
    expect(notJson).toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/^Invalid auth policy: InvalidJson/),
    });

    const long = JSON.stringify({
      Statement: [{ Sid: 'x'.repeat(10_000), Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
    const tooLong = await client
      .send(new PutAuthPolicyCommand({ resourceIdentifier: PARKING_ARN, policy: long }))
      .catch((e) => e);
    expect(tooLong).toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /^Invalid auth policy: PolicyTooLong: the policy is \d+ characters; the limit is 10000/,
      ),
    });
  });

  it('refuses unknown and malformed identifiers', async () => {
    const client = latticeClient(local);
    await expect(
      client.send(new GetAuthPolicyCommand({ resourceIdentifier: 'svc-0000000000000000a' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      resourceId: 'svc-0000000000000000a',
      resourceType: 'SERVICE',
    });
    await expect(
      client.send(new GetServiceCommand({ serviceIdentifier: 'sn-0123456789abcdef0' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      fieldList: [{ name: 'serviceIdentifier', message: expect.stringContaining('regular expression') }],
    });
    await expect(
      client.send(new UpdateServiceCommand({ serviceIdentifier: PARKING_ARN, authType: 'OPEN' as never })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'OPEN' at 'authType' failed to " +
        'satisfy constraint: Member must satisfy enum value set: [NONE, ' +
        'AWS_IAM]',
    });
  });

  it('authenticates every call: wrong secret, unknown key, unsigned', async () => {
    const wrongSecret = latticeClient(local, {
      accessKeyId: local.world.runnerKey.accessKeyId,
      secretAccessKey: 'not-the-secret',
    });
    await expect(wrongSecret.send(new GetServiceCommand({ serviceIdentifier: PARKING_ARN }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    const unknown = latticeClient(local, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' });
    await expect(unknown.send(new GetServiceCommand({ serviceIdentifier: PARKING_ARN }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    const unsigned = await fetch(`${local.controlPlaneEndpoint}/services/svc-0123456789abcdef0`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('lets only the service owner manage policies: a consumer role session is AccessDenied', async () => {
    const consumer = latticeClient(local, await assume(local, INVOKER_B, 'cp'));
    await expect(consumer.send(new GetAuthPolicyCommand({ resourceIdentifier: NETWORK_ARN }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
      message:
        `User: arn:aws:sts::222222222222:assumed-role/lattice-invoker/cp is not ` +
        `authorized to perform: vpc-lattice:GetAuthPolicy on resource: ` +
        `${NETWORK_ARN} because no identity-based policy allows the ` +
        `vpc-lattice:GetAuthPolicy action`,
    });
  });

  it('answers an operation it does not know with ValidationException (unknownOperation)', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Hash } = await import('@smithy/hash-node');
    const url = new URL(local.controlPlaneEndpoint);
    const signer = new SignatureV4({
      service: 'vpc-lattice',
      region: 'us-east-1',
      credentials: local.world.runnerKey,
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/targetgroups',
      headers: { host: url.host },
    });
    const answer = await fetch(`${local.controlPlaneEndpoint}/targetgroups`, { headers: signed.headers });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(await answer.json()).toMatchObject({ reason: 'unknownOperation' });
  });
});
