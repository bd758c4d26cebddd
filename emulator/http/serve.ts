import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingCall, Reply } from './types';

export interface Served { url: string; host: string; port: number; server: Server; close(): Promise<void> }

export interface ServeOptions {
  name: string;
  host?: string;
  maxBodyBytes?: number;
  /** Answer for a handler that threw: a bug in the emulator, never a policy outcome. */
  onInternalError: (error: unknown) => Reply;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function writeReply(res: ServerResponse, reply: Reply): void {
  if ('drop' in reply) {
    res.socket?.destroy();
    return;
  }
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Starts an HTTP server on a free loopback port that hands each request, body read, to `handle`. */
export async function serve(handle: (call: IncomingCall) => Reply | Promise<Reply>, options: ServeOptions): Promise<Served> {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req, limit);
      if (body === undefined) {
        writeReply(res, { status: 413, headers: { 'content-type': 'text/plain' }, body: 'PayloadTooLargeException: Request body too large' });
        return;
      }
      const call: IncomingCall = {
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        rawHeaders: req.rawHeaders,
        body,
        remoteAddress: req.socket.remoteAddress ?? '',
        localPort: req.socket.localPort ?? 0,
        secure: 'encrypted' in req.socket && Boolean((req.socket as { encrypted?: boolean }).encrypted),
      };
      writeReply(res, await handle(call));
    } catch (error) {
      if (!res.headersSent) writeReply(res, options.onInternalError(error));
      else res.destroy();
    }
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    host,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
