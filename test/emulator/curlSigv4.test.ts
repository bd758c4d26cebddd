import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { joinPatterns } from '../support/joinPatterns';
import { assume, ECHO, INVOKER_B, PARKING } from './support/localCalls';
import { curlSigv4Args } from '../../harness/interop/curlSigv4Args';

const run = promisify(execFile);
const versionText = spawnSync('curl', ['--version'], { encoding: 'utf8' });
const version = /^curl (\d+)\.(\d+)\.(\d+)/
  .exec(versionText.stdout ?? '')
  ?.slice(1)
  .map(Number);
const hasCurl = versionText.status === 0 && version !== undefined;
const atLeast = (major: number, minor: number) =>
  version !== undefined && (version[0] > major || (version[0] === major && version[1] >= minor));
/**
 * curl 7.87.0 and later (curl/curl#9804) take the payload hash from a supplied
 * `x-amz-content-sha256` header and sign that header, so `-H 'x-amz-content-sha256:
 * UNSIGNED-PAYLOAD'` gives exactly what Lattice wants. Older curl hashes the body itself and
 * signs only host and x-amz-date; these tests need the newer behaviour.
 */
const curlSignsSuppliedHash = hasCurl && atLeast(7, 87);

let local: LocalWorld;
let credentials: AwsCredentialIdentity;
let caFile: string;

beforeAll(async () => {
  if (!hasCurl) return;
  local = await startLocalWorld();
  credentials = await assume(local, INVOKER_B, 'curl');
  caFile = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-curl-')), 'ca.pem');
  writeFileSync(caFile, local.caCertPem);
});
afterAll(() => local?.close());

/**
 * `curl --aws-sigv4` as the seed article's readers run it, reaching the local name through --resolve or
 * --connect-to.
 */
async function curl(
  url: string,
  route: string[],
  contentSha256: string | undefined,
): Promise<{ status: number; body: string }> {
  const args = [
    '-sS',
    '--max-time',
    '10',
    ...curlSigv4Args(credentials, '127.0.0.11', contentSha256),
    '--cacert',
    caFile,
    ...route,
    '-w',
    '\n%{http_code}',
    url,
  ];
  const { stdout } = await run('curl', args);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe.skipIf(!hasCurl)(`curl --aws-sigv4 (${versionText.stdout?.split('\n')[0] ?? 'curl not found'})`, () => {
  it.skipIf(!curlSignsSuppliedHash)(
    'is allowed over HTTP with x-amz-content-sha256: UNSIGNED-PAYLOAD (--resolve)',
    async () => {
      const { port } = local.dataPlane;
      const answer = await curl(
        `http://${ECHO}:${port}/spots?level=2`,
        ['--resolve', `${ECHO}:${port}:127.0.0.1`],
        'UNSIGNED-PAYLOAD',
      );
      expect(answer.status).toBe(200);
      const echoed = JSON.parse(answer.body) as { target: string; headers: Record<string, string> };
      expect(echoed.target).toBe('/spots?level=2');
      expect(echoed.headers.authorization).toMatch(
        joinPatterns([
          /^AWS4-HMAC-SHA256 Credential=ASIA\w+\/\d{8}\/us-east-1\/vpc-lattice-svcs\/aws4_request, /,
          /SignedHeaders=[^,]*x-amz-content-sha256/,
        ]),
      );
      expect(echoed.headers['x-amzn-lattice-identity']).toBe(
        'Principal=arn:aws:sts::222222222222:assumed-role/lattice-invoker/curl; ' +
          'PrincipalOrgID=o-a1b2c3d4e5; SessionName=curl; Type=AWS_IAM',
      );
    },
  );

  it.skipIf(!curlSignsSuppliedHash)('is allowed over HTTPS with the local CA (--connect-to)', async () => {
    const answer = await curl(
      `https://${PARKING}/`,
      ['--connect-to', `${PARKING}:443:127.0.0.1:${local.https.port}`],
      'UNSIGNED-PAYLOAD',
    );
    expect(answer).toEqual({ status: 200, body: '"Lattice Success!"' });
  });

  it.skipIf(!curlSignsSuppliedHash)(
    'with a payload hash signed instead, gets the documented "Signed payloads are not supported"',
    async () => {
      const emptyBodyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      const answer = await curl(
        `https://${PARKING}/`,
        ['--connect-to', `${PARKING}:443:127.0.0.1:${local.https.port}`],
        emptyBodyHash,
      );
      expect(answer).toEqual({ status: 403, body: 'InvalidSignatureException: Signed payloads are not supported' });
    },
  );

  it('without the header, curl signs no x-amz-content-sha256 and Lattice says it is missing', async () => {
    const answer = await curl(
      `https://${PARKING}/parking`,
      ['--connect-to', `${PARKING}:443:127.0.0.1:${local.https.port}`],
      undefined,
    );
    expect(answer).toEqual({
      status: 403,
      body: "IncompleteSignatureException: Missing the 'x-amz-content-sha256' in canonical headers.",
    });
  });
});
