import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { signRequest } from '../../harness/request/signRequest';
import { toRelayRequest } from '../../harness/send/sendViaRelay';
import { loadWorld } from '../../world';
import { projectRoot } from '../support/paths';
import { unsignedPost } from '../support/unsignedPost';

const B_RELAY = 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b';
const PARKING = 'parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
const MIB = 1024 * 1024;
/** The largest request body a deployed relay may be set to send (RELAY_MAX_REQUEST_BYTES). */
const RELAY_LIMIT = 4 * MIB;

let local: LocalWorld;
let lambda: LambdaClient;
let bSession: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
beforeAll(async () => {
  const spec = await loadWorld('relays', join(projectRoot, 'scenarios'));
  local = await startLocalWorld({ spec, relayLimits: { maxRequestBytes: RELAY_LIMIT } });
  const endpoint = { region: 'us-east-1', credentials: local.world.runnerKey, maxAttempts: 1 };
  lambda = new LambdaClient({ ...endpoint, endpoint: local.lambdaEndpoint });
  const sts = new STSClient({ ...endpoint, endpoint: local.stsEndpoint });
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/lattice-invoker', RoleSessionName: 'large' }),
  );
  bSession = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
  sts.destroy();
});
afterAll(async () => {
  lambda?.destroy();
  await local?.close();
});

/** Invokes B's relay with B's POST to the parking service carrying `bytes` of body: the relay's answer. */
async function relayPost(bytes: number) {
  const signed = await signRequest(unsignedPost(PARKING, Buffer.alloc(bytes, 0x61)), {
    region: 'us-east-1',
    credentials: bSession,
  });
  const payload = JSON.stringify(toRelayRequest(signed, 5_000));
  // Within Lambda's 6 MB payload: the relay, not Lambda, decides.
  expect(payload.length).toBeLessThan(6 * MIB);
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: B_RELAY, Payload: new TextEncoder().encode(payload) }),
  );
  expect(out.StatusCode).toBe(200);
  expect(out.FunctionError).toBeUndefined();
  return JSON.parse(new TextDecoder().decode(out.Payload));
}

// A relay set to send up to 4 MiB reads a payload near Lambda's 6 MB limit: the base64 body is checked in one pass.
describe('a relay with a body of several MiB', () => {
  it('sends a 3.5 MiB body under its limit (the service answers: Lattice refuses a body that large)', async () => {
    const answer = await relayPost(3.5 * MIB);
    expect(answer).toMatchObject({ v: 1, kind: 'response', status: 413 });
    expect(Buffer.from(answer.body, 'base64').toString()).toBe('PayloadTooLargeException: Request body too large');
  });

  it('refuses a 4.4 MiB body over its limit as request-too-large, naming the size', async () => {
    const bytes = Math.round(4.4 * MIB);
    expect(await relayPost(bytes)).toEqual({
      v: 1,
      kind: 'refused',
      reason: 'request-too-large',
      message: `the body is ${bytes} bytes; this relay sends ${RELAY_LIMIT} at most`,
    });
  });
});
