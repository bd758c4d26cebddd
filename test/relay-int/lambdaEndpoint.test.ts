import { connect } from 'node:net';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { signRequest } from '../../harness/request/signRequest';
import { toRelayRequest } from '../../harness/send/sendViaRelay';
import { createRelay } from '../../relay/handler';
import { loadWorld } from '../../world';
import { projectRoot } from '../support/paths';
import { unsignedPost } from '../support/unsignedPost';
import { assume, INVOKER_B } from '../emulator/support/localCalls';

const B_RELAY = 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b';
const RUNNER = 'arn:aws:iam::333333333333:user/lattice-e2e-runner';
const PARKING = 'parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';

let local: LocalWorld;
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const lambda = (credentials: Keys) =>
  new LambdaClient({ region: 'us-east-1', endpoint: local.lambdaEndpoint, credentials, maxAttempts: 1 });
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

beforeAll(async () => {
  const spec = await loadWorld('relays', join(projectRoot, 'scenarios'));
  // The relay as deployed, and a way to make its function throw (Lambda's function error).
  local = await startLocalWorld({
    spec,
    relay: (options) => {
      const relay = createRelay(options);
      return async (event) => {
        if ((event as { boom?: boolean }).boom) throw new TypeError('the relay broke');
        return relay(event);
      };
    },
  });
});
afterAll(() => local?.close());

// The local Lambda endpoint through the real AWS SDK client (REST-JSON, SigV4 service lambda).
describe('the local Lambda Invoke endpoint', () => {
  it('runs the relay: a request signed here comes back as the service answered it from the relay VPC', async () => {
    const signed = await signRequest(unsignedPost(PARKING), {
      region: 'us-east-1',
      credentials: local.world.runnerKey,
    });
    const out = await lambda(local.world.runnerKey).send(
      new InvokeCommand({ FunctionName: B_RELAY, Payload: json(toRelayRequest(signed, 3_000)) }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    const answer = decode(out.Payload);
    expect(answer).toMatchObject({ v: 1, kind: 'response', status: 403 });
    // The runner (account 333333333333) is in the organization; the parking service lets only B and C in.
    expect(Buffer.from(answer.body, 'base64').toString()).toBe(
      `AccessDeniedException: User: ${RUNNER} is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ` +
        `${SERVICE}/ because no service-based policy allows the vpc-lattice-svcs:Invoke action`,
    );
  });

  it('answers a refusal as the function payload, by name or ARN', async () => {
    const client = lambda(local.world.runnerKey);
    const unsigned = { v: 1, url: `https://${PARKING}/`, method: 'GET', headers: { host: PARKING }, timeoutMs: 1000 };
    const byArn = await client.send(new InvokeCommand({ FunctionName: B_RELAY, Payload: json(unsigned) }));
    expect(decode(byArn.Payload)).toMatchObject({ v: 1, kind: 'refused', reason: 'unsigned' });
    const partial = await client.send(
      new InvokeCommand({ FunctionName: '222222222222:function:lattice-e2e-relay-consumer-b', Payload: json({}) }),
    );
    expect(decode(partial.Payload)).toMatchObject({ v: 1, kind: 'refused', reason: 'bad-request' });
  });

  it('a throwing function is a 200 with X-Amz-Function-Error and errorType, errorMessage', async () => {
    const out = await lambda(local.world.runnerKey).send(
      new InvokeCommand({ FunctionName: B_RELAY, Payload: json({ boom: true }) }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(decode(out.Payload)).toEqual({ errorType: 'TypeError', errorMessage: 'the relay broke' });
  });

  it('an unknown function is ResourceNotFoundException (404) in the own account; a bare name is of it', async () => {
    const client = lambda(local.world.runnerKey);
    const missing = 'arn:aws:lambda:us-east-1:333333333333:function:lattice-e2e-relay-nope';
    await expect(client.send(new InvokeCommand({ FunctionName: missing }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${missing}`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'lattice-e2e-relay-consumer-b' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:333333333333:function:lattice-e2e-relay-consumer-b',
    });
    // In another account, a function without a policy for the caller is refused whether or not it exists.
    const elsewhere = 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-nope';
    await expect(client.send(new InvokeCommand({ FunctionName: elsewhere }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        `User: ${RUNNER} is not authorized to perform: lambda:InvokeFunction on resource: ${elsewhere} ` +
        'because no resource-based policy allows the lambda:InvokeFunction action',
      $metadata: { httpStatusCode: 403 },
    });
    // Out of FunctionName's model: ValidationException, as Lambda answers users ("1 validation error detected").
    await expect(client.send(new InvokeCommand({ FunctionName: 'not a function!' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'not a function!' at 'functionName' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?' +
        '([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)' +
        '(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(client.send(new InvokeCommand({ FunctionName: 'f'.repeat(171) }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'functionName' failed to satisfy constraint: Member must have length"),
    });
    // Within the pattern and the length, a name no function has is simply not found.
    for (const name of ['lattice-e2e-relay-b.v2', `lattice-e2e-relay-${'f'.repeat(152)}`])
      await expect(client.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Function not found: arn:aws:lambda:us-east-1:${RUNNER.split(':')[4]}:function:${name}`,
        $metadata: { httpStatusCode: 404 },
      });
    // A qualified ARN names the same function.
    const latest = await client.send(new InvokeCommand({ FunctionName: `${B_RELAY}:$LATEST`, Payload: json({}) }));
    expect(decode(latest.Payload)).toMatchObject({ kind: 'refused', reason: 'bad-request' });
  });

  it('refuses a caller whose identity policies do not allow lambda:InvokeFunction (403)', async () => {
    // In the runner's own account, where the identity policies alone decide (the function has no policy).
    const other = 'arn:aws:lambda:us-east-1:333333333333:function:payments';
    await expect(lambda(local.world.runnerKey).send(new InvokeCommand({ FunctionName: other }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        `User: ${RUNNER} is not authorized to perform: lambda:InvokeFunction on resource: ${other} ` +
        'because no identity-based policy allows the lambda:InvokeFunction action',
      $metadata: { httpStatusCode: 403 },
    });
    // B's caller role may invoke Lattice services, not the relay: its account's, whose policy names only the runner.
    const session = await assume(local, INVOKER_B, 'b-session');
    await expect(lambda(session).send(new InvokeCommand({ FunctionName: B_RELAY }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::222222222222:assumed-role/lattice-invoker/b-session is not authorized to perform: ' +
        `lambda:InvokeFunction on resource: ${B_RELAY} because no identity-based policy allows the ` +
        'lambda:InvokeFunction action',
    });
  });

  it('refuses a bad signature, and a payload that is not JSON, in Lambda shape; then serves again', async () => {
    const wrong = { ...local.world.runnerKey, secretAccessKey: 'x'.repeat(40) };
    await expect(lambda(wrong).send(new InvokeCommand({ FunctionName: B_RELAY }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    const client = lambda(local.world.runnerKey);
    await expect(
      client.send(new InvokeCommand({ FunctionName: B_RELAY, Payload: new TextEncoder().encode('{not json') })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringMatching(/^Could not parse request body into json/),
      $metadata: { httpStatusCode: 400 },
    });
    // Bytes that are not HTTP at all: an error answer in Lambda's shape, and the server keeps serving.
    const url = new URL(local.lambdaEndpoint);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('NOT HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw.toLowerCase()).toContain('x-amzn-errortype: invalidrequestcontentexception');
    const again = await client.send(new InvokeCommand({ FunctionName: B_RELAY, Payload: json({}) }));
    expect(decode(again.Payload)).toMatchObject({ kind: 'refused', reason: 'bad-request' });
  });
});
