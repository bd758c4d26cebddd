import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as connectHttp2, constants } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { promisify } from 'node:util';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { signRequest } from '../../harness/request/signRequest';
import { sendRequest } from '../../harness/send/sendRequest';
import { createTransport, type Transport } from '../../harness/send/Transport';
import { assume, ECHO, INVOKER_B, INVOKER_C, PARKING, REGION } from '../emulator/support/localCalls';
import { curlSigv4Args } from '../../harness/interop/curlSigv4Args';

let local: LocalWorld;
let transport: Transport;
let insider: AwsCredentialIdentity;
let outsider: AwsCredentialIdentity;
beforeAll(async () => {
  local = await startLocalWorld();
  transport = createTransport(local.caCertPem);
  insider = await assume(local, INVOKER_B, 'h2-insider');
  outsider = await assume(local, INVOKER_C, 'h2-outsider', 'lattice-e2e-outsider');
});
afterAll(async () => {
  transport.http2.closeAll();
  await local.close();
});

/** A signed POST to a service on the shared HTTPS listener, from VPC B, over `http`. */
async function call(http: '1.1' | '2', credentials: AwsCredentialIdentity | undefined, host = PARKING) {
  let request = {
    method: 'POST',
    protocol: 'https:',
    hostname: host,
    path: '/',
    query: {},
    headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '2' } as Record<string, string>,
    body: '{}',
  };
  if (credentials) request = (await signRequest(request, { region: REGION, credentials })) as typeof request;
  return sendRequest(request, {
    timeoutMs: 10_000,
    connectTo: local.https,
    localAddress: '127.0.0.11',
    transport,
    http,
  });
}

/** An HTTP/2 session of our own to the HTTPS listener, for frames the harness would never send. */
function openH2Session() {
  return connectHttp2(`https://${PARKING}:${local.https.port}`, {
    createConnection: () =>
      connectTls({
        host: local.https.address,
        port: local.https.port,
        servername: PARKING,
        ca: local.caCertPem,
        ALPNProtocols: ['h2'],
      }),
  });
}

describe("the emulator's HTTPS listeners over HTTP/2", () => {
  it('verify the signature over host (sent as :authority) and answer as over HTTP/1.1, denials included', async () => {
    for (const credentials of [insider, outsider, undefined]) {
      const [h1, h2] = [await call('1.1', credentials), await call('2', credentials)];
      expect(h2.kind === 'response' && [h2.status, h2.body]).toEqual(h1.kind === 'response' && [h1.status, h1.body]);
    }
    expect(await call('2', insider)).toMatchObject({ status: 200, body: '"Lattice Success!"' });
    const denied = await call('2', outsider);
    expect(denied.kind === 'response' && [denied.status, denied.body.split(' because ')[1]]).toEqual([
      403,
      'no network-based policy allows the vpc-lattice-svcs:Invoke action',
    ]);
  });

  it('refuse a request whose host header names another host than its :authority (400, before any policy)', async () => {
    const session = openH2Session();
    try {
      const stream = session.request({ ':method': 'GET', ':path': '/', ':authority': PARKING, host: ECHO });
      const status = await new Promise((resolve) => stream.on('response', (h) => resolve(h[':status'])));
      const body = await new Promise<string>((resolve) => {
        let text = '';
        stream.on('data', (c) => (text += c));
        stream.on('end', () => resolve(text));
      });
      expect([status, body]).toEqual([
        400,
        'BadRequestException: Malformed request: the :authority and host of the request name different hosts',
      ]);
    } finally {
      session.destroy();
    }
  });

  it('survive a garbage HTTP/2 preface and a stream reset mid-request, and keep answering', async () => {
    // ALPN h2, then bytes that are not the HTTP/2 connection preface.
    const garbage = connectTls({
      host: local.https.address,
      port: local.https.port,
      servername: PARKING,
      ca: local.caCertPem,
      ALPNProtocols: ['h2'],
    });
    await new Promise<void>((resolve) => garbage.once('secureConnect', () => resolve()));
    expect(garbage.alpnProtocol).toBe('h2');
    garbage.on('error', () => {});
    const received: Buffer[] = [];
    garbage.on('data', (chunk: Buffer) => received.push(chunk));
    garbage.write('GET / HTTP/1.1\r\nhost: x\r\n\r\nnot a preface at all, not even close\r\n\r\n');
    await new Promise((resolve) => garbage.once('close', resolve));
    // The server's SETTINGS, then GOAWAY (frame type 7) with an error code (not NO_ERROR), then it closed.
    const bytes = Buffer.concat(received);
    const goaway = bytes.indexOf(Buffer.from([0x07, 0x00, 0x00, 0x00, 0x00, 0x00]));
    expect(goaway).toBeGreaterThan(0);
    expect(bytes.readUInt32BE(bytes.length - 4)).not.toBe(constants.NGHTTP2_NO_ERROR);

    // A request whose body is cut by RST_STREAM before it ends.
    const session = openH2Session();
    session.on('error', () => {});
    const stream = session.request({ ':method': 'POST', ':path': '/', ':authority': PARKING, 'content-length': '100' });
    stream.on('error', () => {});
    stream.write('{"half":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    stream.close(constants.NGHTTP2_CANCEL);
    await new Promise((resolve) => stream.once('close', resolve));
    session.destroy();

    expect(await call('2', insider)).toMatchObject({ status: 200, body: '"Lattice Success!"' });
    expect(await call('1.1', insider)).toMatchObject({ status: 200, body: '"Lattice Success!"' });
  });
});

const run = promisify(execFile);
const versionText = spawnSync('curl', ['--version'], { encoding: 'utf8' });
const version = /^curl (\d+)\.(\d+)\.(\d+)/
  .exec(versionText.stdout ?? '')
  ?.slice(1)
  .map(Number);
/** curl 7.87.0 and later sign a supplied `x-amz-content-sha256` (see test/emulator/curlSigv4.test.ts). */
const curlSignsSuppliedHash = version !== undefined && (version[0] > 7 || (version[0] === 7 && version[1] >= 87));
const curlHasHttp2 = /^Features:.*\bHTTP2\b/m.test(versionText.stdout ?? '');

describe.skipIf(!curlSignsSuppliedHash || !curlHasHttp2)(
  `curl --http2 --aws-sigv4 (${versionText.stdout?.split('\n')[0] ?? 'curl not found'})`,
  () => {
    async function curl(credentials: AwsCredentialIdentity) {
      const caFile = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-h2-')), 'ca.pem');
      writeFileSync(caFile, local.caCertPem);
      const args = [
        '-sS',
        '--http2',
        '--max-time',
        '10',
        ...curlSigv4Args(credentials, '127.0.0.11', 'UNSIGNED-PAYLOAD'),
        '--cacert',
        caFile,
        '--resolve',
        `${PARKING}:${local.https.port}:${local.https.address}`,
        '-X',
        'POST',
        '-w',
        '\n%{http_code} %{http_version}',
        `https://${PARKING}:${local.https.port}/`,
      ];
      const { stdout } = await run('curl', args);
      const cut = stdout.lastIndexOf('\n');
      const [status, httpVersion] = stdout.slice(cut + 1).split(' ');
      return { status: Number(status), httpVersion, body: stdout.slice(0, cut) };
    }

    it('negotiates h2 and is allowed with the exact answer', async () => {
      expect(await curl(insider)).toEqual({ status: 200, httpVersion: '2', body: '"Lattice Success!"' });
    });

    it("negotiates h2 and is denied by the network layer in Lattice's words", async () => {
      const answer = await curl(outsider);
      expect([answer.status, answer.httpVersion]).toEqual([403, '2']);
      expect(answer.body).toBe(
        'AccessDeniedException: User: arn:aws:sts::444444444444:assumed-role/lattice-invoker/h2-outsider is not ' +
          'authorized to perform: vpc-lattice-svcs:Invoke on resource: ' +
          'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0/ because no network-based ' +
          'policy allows the vpc-lattice-svcs:Invoke action',
      );
    });
  },
);
