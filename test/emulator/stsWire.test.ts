import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { sendRaw } from './support/hostileTransport';
import { INVOKER_B, REGION, runnerCredentials, stsClient } from './support/localCalls';

/** An AssumeRole query for INVOKER_B, before the session name and tags. */
const ASSUME_B = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(INVOKER_B)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let local: LocalWorld;
const internalErrors: unknown[] = [];
beforeAll(async () => {
  local = await startLocalWorld({ onInternalError: (error) => internalErrors.push(error) });
});
afterAll(() => local.close());

interface Raw {
  status: number;
  requestId: string | null;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed XML of any shape
  xml: Record<string, any>;
}

/** POSTs a form body to STS, signed with the runner's keys unless `signed` is false. */
async function post(body: string | Buffer, signed = true): Promise<Raw> {
  const url = new URL(local.stsEndpoint);
  let headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  };
  if (signed) {
    const signer = new SignatureV4({
      service: 'sts',
      region: REGION,
      credentials: runnerCredentials(local),
      sha256: Hash.bind(null, 'sha256'),
    });
    headers = (
      await signer.sign({
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        query: {},
        headers,
        body,
      })
    ).headers as Record<string, string>;
  }
  const res = await fetch(local.stsEndpoint, { method: 'POST', headers, body });
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  return {
    status: res.status,
    requestId: res.headers.get('x-amzn-requestid'),
    body: text,
    xml: new XMLParser().parse(text),
  };
}
const errorOf = (raw: Raw) => raw.xml.ErrorResponse.Error as { Code: string; Message: string };

describe('every STS answer carries x-amzn-RequestId, the same as the XML RequestId', () => {
  it('through the SDK: $metadata.requestId on answers and on errors', async () => {
    const ok = await stsClient(local).send(new GetCallerIdentityCommand({}));
    expect(ok.$metadata.requestId).toMatch(UUID);
    const refused = await stsClient(local)
      .send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/nope', RoleSessionName: 'x1' }))
      .catch((e) => e);
    expect(refused).toMatchObject({ name: 'AccessDenied' });
    expect(refused.$metadata.requestId).toMatch(UUID);
  });

  it('on the wire: results, errors, bodies over the limit and bytes that are not HTTP', async () => {
    const ok = await post('Action=GetCallerIdentity&Version=2011-06-15');
    expect(ok.status).toBe(200);
    expect(ok.requestId).toMatch(UUID);
    expect(ok.xml.GetCallerIdentityResponse.ResponseMetadata.RequestId).toBe(ok.requestId);
    for (const raw of [
      await post('Action=GetCallerIdentity&Version=2011-06-15', false),
      await post(Buffer.alloc(2_000_000, 97), false),
    ]) {
      expect(raw.status).toBeGreaterThanOrEqual(400);
      expect(raw.requestId).toMatch(UUID);
      expect(raw.xml.ErrorResponse.RequestId).toBe(raw.requestId);
    }
    const malformed = await sendRaw(Number(new URL(local.stsEndpoint).port), 'NOT HTTP\r\n\r\n');
    const header = /\r\nx-amzn-RequestId: ([0-9a-f-]{36})\r\n/i.exec(malformed)?.[1];
    expect(header).toMatch(UUID);
    expect(malformed).toContain(`<RequestId>${header}</RequestId>`);
  });
});

describe('malformed STS requests get AWS-shaped errors, and STS keeps serving', () => {
  it('an operation is found by Action and Version: none or another Version is InvalidAction', async () => {
    const none = await post('Action=GetCallerIdentity');
    expect(none.status).toBe(400);
    expect(errorOf(none)).toMatchObject({
      Code: 'InvalidAction',
      Message: 'Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED',
    });
    expect(errorOf(await post('Action=AssumeRole&Version=2099-01-01'))).toMatchObject({
      Message: 'Could not find operation AssumeRole for version 2099-01-01',
    });
    const long = errorOf(await post(`Action=${'A'.repeat(40_000)}&Version=2011-06-15`));
    expect(long.Code).toBe('InvalidAction');
    expect(long.Message.length).toBeLessThan(300);
  });

  it('what a client sent is quoted as parseable XML, control characters included', async () => {
    const nul = await post('Action=GetCallerIdentity%00%1B&Version=2011-06-15');
    expect(errorOf(nul)).toMatchObject({
      Code: 'InvalidAction',
      Message: 'Could not find operation GetCallerIdentity\uFFFD\uFFFD for version 2011-06-15',
    });
    const xmlish = await post(`${ASSUME_B}&RoleSessionName=${encodeURIComponent('</x>&<y>')}`);
    expect(errorOf(xmlish).Message).toContain("Value '</x>&<y>' at 'roleSessionName'");
  });

  it('role ARNs are checked for length and shape (the texts AWS answers)', async () => {
    const sts = stsClient(local);
    const send = (RoleArn: string) => sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'shape' }));
    await expect(send('nothing-valid-in-here')).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'nothing-valid-in-here is invalid',
    });
    await expect(send('arn:a:::something/test-role')).rejects.toMatchObject({
      message: 'arn:a:::something/test-role is invalid',
    });
    await expect(send('arn:a:a::aaaaaaaaaa:')).rejects.toMatchObject({ message: 'arn:a:a::aaaaaaaaaa: is invalid' });
    await expect(send('arn:aws:iam::1:r')).rejects.toMatchObject({
      message:
        "1 validation error detected: Value 'arn:aws:iam::1:r' at 'roleArn' " +
        'failed to satisfy constraint: Member must have length greater than or ' +
        'equal to 20',
    });
  });

  it('a session tag past a gap in the list is refused, not silently dropped', async () => {
    const gap = await post(`${ASSUME_B}&RoleSessionName=gap&Tags.member.2.Key=a&Tags.member.2.Value=b`);
    expect(errorOf(gap)).toMatchObject({
      Code: 'ValidationError',
      Message:
        "2 validation errors detected: Value null at 'tags.1.member.key' failed " +
        'to satisfy constraint: Member must not be null; ' +
        "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    });
    const far = await post(`${ASSUME_B}&RoleSessionName=gap&Tags.member.999999999.Key=a`);
    expect(errorOf(far).Message).toContain('Member must have length less than or equal to 50');
  });

  it('still serves afterwards, with no internal error', async () => {
    await expect(
      stsClient(local).send(new AssumeRoleCommand({ RoleArn: INVOKER_B, RoleSessionName: 'after' })),
    ).resolves.toBeDefined();
    expect(internalErrors).toEqual([]);
  });
});
