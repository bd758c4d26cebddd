import { Agent } from 'node:http';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { InvalidInputException, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { LOCAL_READER_ROLE, withReaderRoles } from '../../harness/import/withReaderRoles';
import { seedWorld } from '../../world';
import { send, sendRaw } from './support/hostileTransport';
import { manualClock, runnerCredentials } from './support/localCalls';
import { sdkFailure } from '../support/sdkFailure';

// A clock the test moves; the SDK clients sign with the same time (systemClockOffset), as after skew correction.
const clock = manualClock();
let local: LocalWorld;
beforeAll(async () => {
  local = await startLocalWorld({ spec: withReaderRoles(seedWorld()), clock });
});
afterAll(() => local.close());

const options = (credentials: AwsCredentialIdentity) => ({
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
  systemClockOffset: clock.now().getTime() - Date.now(),
});
/** A session of the reader role of `account`, assumed as the runner at the clock's time. */
async function reader(account: string, durationSeconds = 3600): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({ ...options(runnerCredentials(local)), endpoint: local.stsEndpoint });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/${LOCAL_READER_ROLE}`,
      RoleSessionName: 'errors',
      DurationSeconds: durationSeconds,
    }),
  );
  return {
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken,
  };
}
const iam = (credentials: AwsCredentialIdentity = runnerCredentials(local)) =>
  new IAMClient({ ...options(credentials), endpoint: local.iamEndpoint });

describe('IAM refuses signatures under its Query-protocol names', () => {
  it('IncompleteSignature for an Authorization without its Signature', async () => {
    const client = iam();
    client.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers.authorization = request.headers.authorization!.replace(/, Signature=\w+$/, '');
        return next(args);
      },
      { step: 'deserialize' },
    );
    const error = await sdkFailure(client.send(new GetRoleCommand({ RoleName: 'lattice-e2e-ci' })));
    expect(error).toMatchObject({ name: 'IncompleteSignature', status: 403 });
  });

  it('ExpiredToken for a session that has expired', async () => {
    const session = await reader('222222222222', 900);
    await expect(iam(session).send(new GetRoleCommand({ RoleName: LOCAL_READER_ROLE }))).resolves.toBeDefined();
    clock.advance(901_000);
    const error = await sdkFailure(iam(session).send(new GetRoleCommand({ RoleName: LOCAL_READER_ROLE })));
    expect(error).toEqual({
      name: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });
});

describe('IAM validates a role name (RoleName: 1 to 64 characters of [\\w+=,.@-])', () => {
  it.each([
    ['r'.repeat(65), 'Member must have length less than or equal to 64'],
    ['lattice invoker', 'Member must satisfy regular expression pattern: [\\w+=,.@-]+'],
    ['role/x', 'Member must satisfy regular expression pattern: [\\w+=,.@-]+'],
  ])('%s: ValidationError', async (name, constraint) => {
    const error = await sdkFailure(iam().send(new GetRoleCommand({ RoleName: name })));
    expect(error).toEqual({
      name: 'ValidationError',
      status: 400,
      message: `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: ${constraint}`,
    });
  });
});

describe('what never reaches the handler is answered in the endpoint’s own error shape', () => {
  it('IAM: a body over the listener limit, and bytes that are not HTTP, in IAM’s ErrorResponse', async () => {
    const error = await sdkFailure(iam().send(new GetRoleCommand({ RoleName: 'r'.repeat(1024 * 1024) })));
    expect(error).toMatchObject({ name: 'ValidationError', status: 413, message: 'Request body too large' });
    const port = Number(new URL(local.iamEndpoint).port);
    const agent = new Agent();
    const answer = await send(port, agent, {
      kind: 'large',
      method: 'POST',
      target: '/',
      headers: ['host', `127.0.0.1:${port}`, 'content-type', 'application/x-www-form-urlencoded'],
      body: Buffer.alloc(1024 * 1024 + 1, 0x61),
    });
    agent.destroy();
    expect(answer).toMatchObject({ kind: 'answer', status: 413, contentType: 'text/xml' });
    expect((answer as { body: string }).body).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\//);
    const raw = await sendRaw(port, 'GARBAGE\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/\r\n\r\n<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
  });

  it('Organizations: the same, as JSON 1.1 errors the SDK reads as InvalidInputException', async () => {
    const credentials = await reader('111111111111');
    const org = new OrganizationsClient({ ...options(credentials), endpoint: local.organizationsEndpoint });
    const sent = org.send(new ListRootsCommand({ NextToken: 't'.repeat(1024 * 1024) }));
    await expect(sent).rejects.toBeInstanceOf(InvalidInputException);
    expect(await sdkFailure(sent)).toEqual({
      name: 'InvalidInputException',
      status: 413,
      message: 'Request too large',
    });
    const raw = await sendRaw(Number(new URL(local.organizationsEndpoint).port), 'GARBAGE\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/\r\ncontent-type: application\/x-amz-json-1\.1\r\n/);
    expect(raw).toMatch(/\r\n\r\n\{"__type":"InvalidInputException","Message":"Malformed request: [^"]+"\}$/);
    org.destroy();
  });
});
