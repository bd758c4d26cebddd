import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { constants, createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPki } from '../../emulator/tls/createLocalPki';
import { classifyResponse } from '../../harness/classify/classifyResponse';
import { judgeOutcome } from '../../harness/judge/judgeOutcome';
import type { PlannedCall } from '../../harness/resolve/types';
import type { WireRequest } from '../../harness/send/exchange';
import { exchangeHttp2 } from '../../harness/send/exchangeHttp2';
import { H2_NOT_NEGOTIATED } from '../../harness/send/Http2Sessions';
import { sendRequest } from '../../harness/send/sendRequest';
import { createTransport, IDLE_CLOSE_MS, type Transport } from '../../harness/send/Transport';

const pki = createLocalPki(['svc.local']);
let h2: Http2SecureServer;
let h1Only: HttpsServer;
let sessions = 0;
const closedSessions: number[] = [];
/** Called when the server sees a session closed. */
let onSessionClose = () => {};
const peers: string[] = [];
let transport: Transport;

/** An HTTP/2 server whose paths misbehave on purpose. */
beforeAll(async () => {
  h2 = createSecureServer({ key: pki.serverKeyPem, cert: pki.serverCertPem });
  h2.on('session', (session) => {
    const n = ++sessions;
    peers.push(session.socket.remoteAddress ?? '');
    session.on('close', () => {
      closedSessions.push(n);
      onSessionClose();
    });
  });
  h2.on('stream', (stream, headers) => {
    stream.on('error', () => {});
    const path = String(headers[':path']);
    if (path === '/silent') return;
    if (path === '/reset' || path === '/session-gone') {
      stream.respond({ ':status': 200 });
      // A stream destroyed with an error sends RST_STREAM (INTERNAL_ERROR); `close(code)` would end the body first.
      const cut = () =>
        path === '/reset'
          ? stream.destroy(new Error('cut'))
          : stream.session?.destroy(undefined, constants.NGHTTP2_INTERNAL_ERROR);
      return void stream.write('half', cut);
    }
    if (path === '/big-headers')
      return stream.respond({ ':status': 200, 'x-big': 'a'.repeat(20_000) }, { endStream: true });
    if (path === '/big-body') {
      stream.respond({ ':status': 200 });
      return stream.end(Buffer.alloc(64 * 1024, 'b'));
    }
    if (path === '/grpc') {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () =>
        stream.sendTrailers({ 'grpc-status': '7', 'grpc-message': 'no%20seat%20for%20you' }),
      );
      return stream.end(Buffer.from([0, 0, 0, 0, 0]));
    }
    stream.respond({ ':status': 200, 'content-type': 'text/plain' });
    stream.end(`${headers[':method']} ${path} host=${headers.host ?? '-'} authority=${headers[':authority']}`);
  });
  h1Only = createHttpsServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (_req, res) => res.end('h1'));
  await Promise.all([h2, h1Only].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))));
  transport = createTransport(pki.caCertPem);
});
afterAll(async () => {
  transport.http2.closeAll();
  await Promise.all([h2, h1Only].map((s) => new Promise<void>((r) => s.close(() => r()))));
});

const portOf = (s: { address(): unknown }) => (s.address() as AddressInfo).port;
const request = (path: string, port = portOf(h2)): WireRequest => ({
  secure: true,
  hostname: 'svc.local',
  connectHost: '127.0.0.1',
  port,
  method: 'POST',
  path,
  headers: { host: `svc.local:${port}`, 'content-type': 'text/plain' },
  body: 'x',
});
const send = (path: string, options: { localAddress?: string; timeoutMs?: number; port?: number } = {}) =>
  exchangeHttp2(request(path, options.port), {
    transport,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: 1024,
    localAddress: options.localAddress ?? '127.0.0.1',
  });

describe('an HTTP/2 exchange', () => {
  it('sends the signed host as :authority and no host header', async () => {
    const answer = await send('/hello');
    expect(answer).toMatchObject({ kind: 'response', status: 200, truncated: false });
    const port = portOf(h2);
    expect(answer.kind === 'response' && answer.body.toString()).toBe(`POST /hello host=- authority=svc.local:${port}`);
  });

  it('reuses one session per origin and source address, and closes it once idle', async () => {
    const before = sessions;
    await Promise.all([send('/a'), send('/b'), send('/c')]);
    await send('/d');
    // One session for the four (none when the first test's is still open).
    const opened = sessions - before;
    expect(opened).toBeLessThanOrEqual(1);
    await send('/e', { localAddress: '127.0.0.12' });
    expect(sessions - before).toBe(opened + 1);
    expect(peers.at(-1)).toBe('127.0.0.12');
    const closed = closedSessions.length;
    // Both idle sessions are closed by the runner (this server closes none): waited for, not slept on.
    const idleFrom = performance.now();
    await new Promise<void>((resolve) => {
      onSessionClose = () => closedSessions.length - closed >= 2 && resolve();
    });
    expect(closedSessions.length - closed).toBe(2);
    expect(performance.now() - idleFrom).toBeLessThan(IDLE_CLOSE_MS * 10);
    // The next exchange opens a new one, without error.
    expect(closedSessions.length - closed).toBe(2);
    expect(await send('/f')).toMatchObject({ kind: 'response', status: 200 });
    expect(sessions - before).toBe(opened + 2);
  });

  it('keeps maxBodyBytes of a longer body and says it was truncated', async () => {
    const answer = await send('/big-body');
    expect(answer.kind === 'response' && [answer.truncated, answer.body.length]).toEqual([true, 1024]);
    // The session survives the cancelled stream.
    expect(await send('/after')).toMatchObject({ kind: 'response', status: 200 });
  });

  it('is no answer on a reset stream or session, too large headers, or silence', async () => {
    expect(await send('/reset')).toMatchObject({ kind: 'no-response', code: 'ECONNRESET' });
    expect(await send('/session-gone')).toMatchObject({ kind: 'no-response', code: 'ECONNRESET' });
    const big = await send('/big-headers');
    expect(big).toMatchObject({ kind: 'no-response', code: 'ERR_HTTP2_HEADERS_TOO_LARGE' });
    expect(await send('/silent', { timeoutMs: 300 })).toMatchObject({ kind: 'no-response', code: 'ETIMEDOUT' });
  });

  it('a TLS server without h2 is unreachable (H2_NOT_NEGOTIATED), never allowed or denied', async () => {
    const answer = await send('/', { port: portOf(h1Only) });
    expect(answer).toMatchObject({ kind: 'no-response', code: H2_NOT_NEGOTIATED });
    const outcome = classifyResponse(answer.kind === 'no-response' ? answer : (undefined as never));
    expect(outcome.kind).toBe('unreachable');
    const call = { expect: { kind: 'deny', layer: 'network' } } as PlannedCall;
    expect(judgeOutcome(call, outcome).passed).toBe(false);
  });

  it("gives a gRPC answer's grpc-status and grpc-message (trailers) to the classifier and the judge", async () => {
    const port = portOf(h2);
    const answer = await sendRequest(
      { method: 'POST', protocol: 'https:', hostname: 'svc.local', port, path: '/grpc', query: {}, headers: {} },
      { timeoutMs: 10_000, connectTo: { address: '127.0.0.1', port }, transport, http: '2' },
    );
    expect(answer).toMatchObject({ kind: 'response', status: 200, trailers: { 'grpc-status': '7' } });
    const outcome = classifyResponse(answer);
    expect(outcome).toMatchObject({ kind: 'allowed', status: 200, grpc: { status: 7, message: 'no seat for you' } });
    const call = (grpcStatus: number) => ({ expect: { kind: 'allow', status: 200, grpcStatus } }) as PlannedCall;
    expect(judgeOutcome(call(7), outcome)).toEqual({ passed: true });
    expect(judgeOutcome(call(0), outcome)).toEqual({
      passed: false,
      reason: 'expected grpc-status 0, got grpc-status 7',
    });
  });
});
