import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../harness/classify/classifyResponse';
import { parseAssumeRoleDenied } from '../../harness/classify/parseAccessDenied';
import { type SendResult, sendRequest } from '../../harness/send/sendRequest';

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const CALLER = 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c';
const head = (principal: string, resource: string) =>
  `AccessDeniedException: User: ${principal} is not authorized to ` +
  `perform: vpc-lattice-svcs:Invoke on resource: ${resource}`;
const answer = (status: number, body: string): SendResult => ({
  kind: 'response',
  status,
  headers: {},
  body,
  truncated: false,
});

// The denial texts as lattice-behaviour.md §2 records them from the real service.
const DENIALS = [
  {
    tail: 'because no network-based policy allows the vpc-lattice-svcs:Invoke action',
    layer: 'network',
    explicit: false,
  },
  {
    tail: 'because no service-based policy allows the vpc-lattice-svcs:Invoke action',
    layer: 'service',
    explicit: false,
  },
  {
    tail: 'because no identity-based policy allows the vpc-lattice-svcs:Invoke action',
    layer: 'identity',
    explicit: false,
  },
  { tail: 'with an explicit deny in a service-based policy', layer: 'service', explicit: true },
  { tail: 'with an explicit deny in a network-based policy', layer: 'network', explicit: true },
  { tail: 'with an explicit deny in an identity-based policy', layer: 'identity', explicit: true },
] as const;

// The other policy types, in the forms the IAM User Guide documents
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html, "Access denied
// error message examples"). Lattice's wording for them is unpublished: these are what we expect.
const INVOKE = 'vpc-lattice-svcs:Invoke';
const GUARDRAIL_DENIALS = [
  { tail: `because no service control policy allows the ${INVOKE} action`, layer: 'organization', explicit: false },
  { tail: 'with an explicit deny in a service control policy', layer: 'organization', explicit: true },
  { tail: `because no resource control policy allows the ${INVOKE} action`, layer: 'organization', explicit: false },
  { tail: 'with an explicit deny in a resource control policy', layer: 'organization', explicit: true },
  { tail: `because no permissions boundary allows the ${INVOKE} action`, layer: 'boundary', explicit: false },
  { tail: 'with an explicit deny in a permissions boundary', layer: 'boundary', explicit: true },
  { tail: `because no session policy allows the ${INVOKE} action`, layer: 'session', explicit: false },
  { tail: 'with an explicit deny in a session policy', layer: 'session', explicit: true },
] as const;

describe('classifyResponse', () => {
  for (const d of DENIALS) {
    it(`parses "${d.tail}"`, () => {
      const body = `${head(CALLER, `${SERVICE}/parking`)} ${d.tail}`;
      expect(classifyResponse(answer(403, body))).toEqual({
        kind: 'denied',
        layer: d.layer,
        explicit: d.explicit,
        principal: CALLER,
        resource: `${SERVICE}/parking`,
        body,
      });
    });
  }

  for (const d of GUARDRAIL_DENIALS) {
    it(`parses "${d.tail}" as a ${d.layer} denial`, () => {
      const body = `${head(CALLER, `${SERVICE}/parking`)} ${d.tail}`;
      expect(classifyResponse(answer(403, body))).toEqual({
        kind: 'denied',
        layer: d.layer,
        explicit: d.explicit,
        principal: CALLER,
        resource: `${SERVICE}/parking`,
        body,
      });
    });
  }

  it('never turns a garbled guardrail text into a denial', () => {
    const full = `${head(CALLER, `${SERVICE}/`)} because no service control policy allows the ${INVOKE} action`;
    for (const body of [
      full.replace('service control policy', 'service-control policy'),
      full.replace(INVOKE, 'sts:AssumeRole'),
      `${head(CALLER, `${SERVICE}/`)} because no service control policy allows the vpc-lattice-svcs:Invoke`,
      `${head(CALLER, `${SERVICE}/`)} with an explicit deny in a sessions policy`,
      `${head(CALLER, `${SERVICE}/`)} with an explicit deny in a permissions boundary.`,
      `${full}. Encoded authorization failure message: abc`,
    ]) {
      expect(classifyResponse(answer(403, body)).kind).toBe('http-error');
    }
  });

  it('parses an anonymous denial on path /', () => {
    const body =
      `${head('anonymous', `${SERVICE}/`)} because no network-based policy ` +
      `allows the vpc-lattice-svcs:Invoke action`;
    expect(classifyResponse(answer(403, body))).toMatchObject({
      kind: 'denied',
      principal: 'anonymous',
      resource: `${SERVICE}/`,
    });
  });

  it('parses a denial whose resource path holds a space', () => {
    const body = `${head(CALLER, `${SERVICE}/parking/a b`)} with an explicit deny in a service-based policy`;
    expect(classifyResponse(answer(403, body))).toMatchObject({
      kind: 'denied',
      layer: 'service',
      explicit: true,
      resource: `${SERVICE}/parking/a b`,
    });
  });

  it('classifies the signature refusals as signature-rejected, not denied', () => {
    for (const body of [
      'InvalidSignatureException: Signed payloads are not supported',
      "IncompleteSignatureException: 'x-amz-security-token' is named as a " +
        'SignedHeader, but it does not exist in the HTTP request.',
      "IncompleteSignatureException: Missing the 'x-amz-content-sha256' in canonical headers.",
      'ExpiredTokenException: The security token included in the request is expired',
    ]) {
      const [code, message] = body.split(/: (.*)/s);
      expect(classifyResponse(answer(403, body))).toEqual({ kind: 'signature-rejected', status: 403, code, message });
    }
  });

  it('never turns a garbled or truncated 403 into a denial', () => {
    const reason = 'because no network-based policy allows the vpc-lattice-svcs:Invoke action';
    const full = `${head(CALLER, `${SERVICE}/`)} ${reason}`;
    for (const body of [
      '',
      'Forbidden',
      full.slice(0, -10),
      `${full}\n`,
      full.replace('network-based', 'vpc-based'),
      `<html>${full}</html>`,
    ]) {
      expect(classifyResponse(answer(403, body)).kind).toBe('http-error');
    }
  });

  it('never turns a 403 cut at the body cap into a denial, even when the kept start is the exact text', async () => {
    const reason = 'because no network-based policy allows the vpc-lattice-svcs:Invoke action';
    const full = `${head(CALLER, `${SERVICE}/`)} ${reason}`;
    // A longer answer whose first bytes are Lattice's whole denial: the cap keeps exactly those.
    const server = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end(`${full} (a proxy's note that follows)`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const request = { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {} };
      const sent = await sendRequest(
        { ...request, headers: { host: `127.0.0.1:${port}` } },
        { timeoutMs: 10_000, maxBodyBytes: Buffer.byteLength(full) },
      );
      expect(sent).toMatchObject({ kind: 'response', status: 403, body: full, truncated: true });
      expect(classifyResponse(sent)).toEqual({ kind: 'http-error', status: 403, body: full, truncated: true });
      expect(classifyResponse({ ...sent, truncated: false } as SendResult).kind).toBe('denied');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('treats 5xx, 404 and redirects as http errors and only 2xx as allowed', () => {
    expect(classifyResponse(answer(503, 'Service Unavailable')).kind).toBe('http-error');
    expect(classifyResponse(answer(404, 'Not Found')).kind).toBe('http-error');
    expect(classifyResponse(answer(302, '')).kind).toBe('http-error');
    expect(classifyResponse(answer(204, ''))).toEqual({ kind: 'allowed', status: 204, body: '' });
  });

  it('reports no HTTP answer as unreachable with its code', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']) {
      expect(classifyResponse({ kind: 'no-response', code, message: 'x' })).toEqual({
        kind: 'unreachable',
        code,
        message: 'x',
      });
    }
  });
});

describe('parseAssumeRoleDenied', () => {
  const RUNNER = 'arn:aws:iam::777788889999:user/JohnDoe';
  const ROLE = 'arn:aws:iam::444444444444:role/lattice-invoker';
  const bare = `User: ${RUNNER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;

  it('reads the trust-policy refusal, which names no policy type', () => {
    expect(parseAssumeRoleDenied(bare)).toEqual({ principal: RUNNER, roleArn: ROLE });
  });

  it('reads the SCP, RCP, boundary and session forms (IAM User Guide, troubleshoot_access-denied.html)', () => {
    const cases = [
      ['with an explicit deny in a service control policy', 'organization', true],
      ['because no service control policy allows the sts:AssumeRole action', 'organization', false],
      ['with an explicit deny in a resource control policy', 'organization', true],
      ['because no permissions boundary allows the sts:AssumeRole action', 'boundary', false],
      ['with an explicit deny in a session policy', 'session', true],
    ] as const;
    for (const [tail, layer, explicit] of cases) {
      expect(parseAssumeRoleDenied(`${bare} ${tail}`)).toEqual({ principal: RUNNER, roleArn: ROLE, layer, explicit });
    }
  });

  it('recognises nothing else: another action, a garbled tail, a Lattice tail, a truncated text', () => {
    for (const message of [
      bare.replace('sts:AssumeRole', 'sts:TagSession'),
      `${bare} with an explicit deny in a service-control policy`,
      `${bare} because no network-based policy allows the sts:AssumeRole action`,
      `${bare} because no service control policy allows the vpc-lattice-svcs:Invoke action`,
      bare.slice(0, -5).replace(/on resource: .*/, 'on resource:'),
      `AccessDeniedException: ${bare}`,
      '',
    ]) {
      expect(parseAssumeRoleDenied(message)).toBeUndefined();
    }
  });
});
