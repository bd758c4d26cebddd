import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../harness/classify/classifyResponse';
import type { SendResult } from '../../harness/send/sendRequest';

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const CALLER = 'arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c';
const head = (principal: string, resource: string) =>
  `AccessDeniedException: User: ${principal} is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ${resource}`;
const answer = (status: number, body: string): SendResult => ({ kind: 'response', status, headers: {}, body, truncated: false });

// The denial texts as lattice-behaviour.md §2 records them from the real service.
const DENIALS = [
  { tail: 'because no network-based policy allows the vpc-lattice-svcs:Invoke action', layer: 'network', explicit: false },
  { tail: 'because no service-based policy allows the vpc-lattice-svcs:Invoke action', layer: 'service', explicit: false },
  { tail: 'because no identity-based policy allows the vpc-lattice-svcs:Invoke action', layer: 'identity', explicit: false },
  { tail: 'with an explicit deny in a service-based policy', layer: 'service', explicit: true },
  { tail: 'with an explicit deny in a network-based policy', layer: 'network', explicit: true },
  { tail: 'with an explicit deny in an identity-based policy', layer: 'identity', explicit: true },
] as const;

describe('classifyResponse', () => {
  for (const d of DENIALS) {
    it(`parses "${d.tail}"`, () => {
      const body = `${head(CALLER, `${SERVICE}/parking`)} ${d.tail}`;
      expect(classifyResponse(answer(403, body))).toEqual({ kind: 'denied', layer: d.layer, explicit: d.explicit, principal: CALLER, resource: `${SERVICE}/parking`, body });
    });
  }

  it('parses an anonymous denial on path /', () => {
    const body = `${head('anonymous', `${SERVICE}/`)} because no network-based policy allows the vpc-lattice-svcs:Invoke action`;
    expect(classifyResponse(answer(403, body))).toMatchObject({ kind: 'denied', principal: 'anonymous', resource: `${SERVICE}/` });
  });

  it('parses a denial whose resource path holds a space', () => {
    const body = `${head(CALLER, `${SERVICE}/parking/a b`)} with an explicit deny in a service-based policy`;
    expect(classifyResponse(answer(403, body))).toMatchObject({ kind: 'denied', layer: 'service', explicit: true, resource: `${SERVICE}/parking/a b` });
  });

  it('classifies the signature refusals as signature-rejected, not denied', () => {
    for (const body of [
      'InvalidSignatureException: Signed payloads are not supported',
      "IncompleteSignatureException: 'x-amz-security-token' is named as a SignedHeader, but it does not exist in the HTTP request.",
      "IncompleteSignatureException: Missing the 'x-amz-content-sha256' in canonical headers.",
      'ExpiredTokenException: The security token included in the request is expired',
    ]) {
      const [code, message] = body.split(/: (.*)/s);
      expect(classifyResponse(answer(403, body))).toEqual({ kind: 'signature-rejected', status: 403, code, message });
    }
  });

  it('never turns a garbled or truncated 403 into a denial', () => {
    const full = `${head(CALLER, `${SERVICE}/`)} because no network-based policy allows the vpc-lattice-svcs:Invoke action`;
    for (const body of ['', 'Forbidden', full.slice(0, -10), `${full}\n`, full.replace('network-based', 'vpc-based'), `<html>${full}</html>`]) {
      expect(classifyResponse(answer(403, body)).kind).toBe('http-error');
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
      expect(classifyResponse({ kind: 'no-response', code, message: 'x' })).toEqual({ kind: 'unreachable', code, message: 'x' });
    }
  });
});
