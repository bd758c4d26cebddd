import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../harness/credentials/createCredentialSource';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import { DEFAULT_MAX_BODY_BYTES, sendRequest } from '../../harness/send/sendRequest';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A service that answers 200 and then `chunk` after `chunk`: `total` bytes in all, or without end. */
async function streaming(
  chunk: Buffer,
  options: { total?: number; everyMs?: number; status?: number },
): Promise<{ port: number; written: () => number }> {
  let written = 0;
  const server = createServer((_req, res) => {
    res.writeHead(options.status ?? 200);
    const write = () => {
      if (res.destroyed) return;
      if (options.total !== undefined && written >= options.total) return void res.end();
      written += chunk.length;
      res.write(chunk, () => (options.everyMs ? setTimeout(write, options.everyMs) : write()));
    };
    write();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, written: () => written };
}

const request = (port: number) => {
  const headers = { host: `127.0.0.1:${port}` };
  return { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {}, headers };
};
const KB64 = Buffer.alloc(64 * 1024, 'a');

describe('service answers are bounded in size and in time, the body included', () => {
  it('keeps 1 MiB of a longer body, says it was truncated, and reads no further', async () => {
    const total = 64 * 1024 * 1024;
    const service = await streaming(KB64, { total });
    const answer = await sendRequest(request(service.port), { timeoutMs: 10_000 });
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(answer).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(answer.kind === 'response' && Buffer.byteLength(answer.body)).toBe(1024 * 1024);
    // The connection is closed: the service could hand the socket no more than its buffers hold.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(service.written()).toBeLessThan(total / 2);
  });

  it('a body without end is cut at the cap at once, not read until the timeout', async () => {
    const service = await streaming(KB64, {});
    // Read until the timeout, the answer would be a timeout (no-response), not a truncated response.
    const answer = await sendRequest(request(service.port), { timeoutMs: 20_000 });
    expect(answer).toMatchObject({ kind: 'response', truncated: true });
  });

  it('a body that trickles in is no answer once the timeout, which covers the whole exchange, is up', async () => {
    const service = await streaming(Buffer.from('a'), { everyMs: 20 });
    const answer = await sendRequest(request(service.port), { timeoutMs: 300 });
    expect(answer).toMatchObject({ kind: 'no-response', code: 'ETIMEDOUT' });
  });

  it('the outcome of a truncated answer says so', async () => {
    const service = await streaming(KB64, { total: 2 * 1024 * 1024, status: 500 });
    const env: ResolvedEnvironment = {
      name: 't',
      region: 'us-east-1',
      callers: {},
      services: {},
      credentials: { kind: 'chain' },
      timeoutMs: 10_000,
      resolve: { 'svc.example': { address: '127.0.0.1', port: service.port } },
    };
    const call: PlannedCall = {
      id: 's › anonymous',
      scenario: 's',
      name: 'anonymous',
      caller: { kind: 'anonymous', name: 'anonymous' },
      service: {
        name: 'svc',
        url: new URL('http://svc.example/'),
        arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0',
      },
      request: { method: 'GET', path: '/', headers: {}, query: {} },
      expect: { kind: 'allow' },
    };
    const none: CredentialSource = { forCaller: () => Promise.reject(new Error('not used')) };
    const retry = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
    const r = await runCall(call, env, { credentials: none, redactor: new Redactor(), retry });
    expect(r.outcome).toMatchObject({ kind: 'http-error', status: 500, truncated: true });
  });
});
