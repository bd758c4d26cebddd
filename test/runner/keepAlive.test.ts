import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, type WireRequest } from '../../harness/send/exchange';
import { createTransport } from '../../harness/send/Transport';

/** The runner's idle close, shortened: what is tested is the order of events, not the default's length. */
const IDLE_CLOSE_MS = 400;

let server: Server;
let connections = 0;
/** Called when the server sees a connection closed. */
let onClose = () => {};
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    // `/slow` answers after longer than the runner's idle close.
    req.on('end', () => setTimeout(() => res.end(`ok ${req.url}`), req.url === '/slow' ? IDLE_CLOSE_MS + 500 : 0));
  });
  server.on('connection', (socket) => {
    connections++;
    socket.on('close', () => onClose());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('kept-alive connections', () => {
  it('reuse a connection, let an answer take longer than the idle close, and close an idle one', async () => {
    const transport = createTransport(undefined, IDLE_CLOSE_MS);
    const send = (path: string) => {
      const req: WireRequest = {
        secure: false,
        hostname: 'svc.local',
        connectHost: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {},
        body: '{}',
      };
      return exchange(req, { transport, timeoutMs: 10_000, maxBodyBytes: 1024, localAddress: '127.0.0.1' });
    };
    const before = connections;
    for (let i = 0; i < 3; i++) expect(await send('/')).toMatchObject({ kind: 'response', status: 200 });
    expect(connections - before).toBe(1);
    // Busy for longer than the idle close: the answer still arrives, on the same connection.
    const slow = await send('/slow');
    expect(slow.kind === 'response' && slow.body.toString()).toBe('ok /slow');
    expect(connections - before).toBe(1);
    // Idle for longer than the idle close: the runner closed it (the server keeps one for 5 s); the next call opens a
    // new one, without error.
    const idleFrom = performance.now();
    await new Promise<void>((resolve) => (onClose = resolve));
    expect(performance.now() - idleFrom).toBeLessThan(5_000);
    expect(await send('/')).toMatchObject({ kind: 'response', status: 200 });
    expect(connections - before).toBe(2);
    transport.agentFor(false, '127.0.0.1').destroy();
  });
});
