import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../harness/request/buildRequest';
import { signRequest } from '../../harness/request/signRequest';
import type { PlannedCall } from '../../harness/resolve/types';
import { sharedTestdata } from '../support/paths';

// aws-c-auth's post-unsigned-payload vector: the shape of a Lattice Invoke (UNSIGNED-PAYLOAD, signed).
const caseDir = join(sharedTestdata, 'sigv4-suite', 'aws-c-auth-removed', 'v4', 'post-unsigned-payload');
const context = JSON.parse(readFileSync(join(caseDir, 'context.json'), 'utf8'));
const signedRequest = readFileSync(join(caseDir, 'header-signed-request.txt'), 'utf8');
const expectedAuthorization = /^Authorization:(.*)$/m.exec(signedRequest)![1];

const call: PlannedCall = {
  id: 'vector › caller',
  scenario: 'vector',
  name: 'caller',
  caller: {
    kind: 'role',
    name: 'caller',
    roleArn: 'arn:aws:iam::111111111111:role/r',
    sessionName: 's',
    durationSeconds: 900,
    sessionTags: {},
    signing: 'sigv4',
  },
  service: {
    name: 'example',
    url: new URL('http://example.amazonaws.com/'),
    arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0',
  },
  request: { method: 'POST', path: '/', headers: {}, query: {}, body: 'Param1=value1' },
  expect: { kind: 'allow' },
};

describe('signRequest', () => {
  it(
    'signs the suite request byte for byte like aws-c-auth ' + '(UNSIGNED-PAYLOAD, signed content hash header)',
    async () => {
      const signed = await signRequest(buildRequest(call), {
        region: context.region,
        service: context.service,
        credentials: {
          accessKeyId: context.credentials.access_key_id,
          secretAccessKey: context.credentials.secret_access_key,
        },
        signingDate: new Date(context.timestamp),
      });
      expect(signed.headers.authorization).toBe(expectedAuthorization);
      expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
      expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
    },
  );

  it('signs the session token when the credentials carry one', async () => {
    const signed = await signRequest(buildRequest(call), {
      region: 'us-east-1',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token-value' },
      signingDate: new Date(context.timestamp),
    });
    expect(signed.headers['x-amz-security-token']).toBe('token-value');
    expect(signed.headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
    expect(signed.headers.authorization).toContain('/us-east-1/vpc-lattice-svcs/aws4_request');
  });
});
