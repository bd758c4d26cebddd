import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server of a benchmark, listening on loopback: where to send, and how to stop it. */
export interface LoopbackServer {
  target: { address: string; port: number };
  close(): Promise<void>;
}

/**
 * Starts `server` on a free loopback port. `close` runs `beforeClose` (the server's own clean-up), drops every
 * connection (kept-alive ones included) and waits for the server to close.
 */
export async function listenOnLoopback(server: Server, beforeClose: () => void = () => {}): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: { address: '127.0.0.1', port },
    close: () =>
      new Promise<void>((resolve) => {
        beforeClose();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
