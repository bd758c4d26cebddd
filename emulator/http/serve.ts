import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type SecureServerOptions,
} from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { readHttp2Fields } from './readHttp2Fields';
import type { IncomingCall, Reply, Answer } from './types';

export interface Served {
  url: string;
  host: string;
  port: number;
  /** Plain HTTP/1.1, or (with `tls`) HTTPS speaking HTTP/2 and HTTP/1.1 by ALPN. */
  server: Server | Http2SecureServer;
  close(): Promise<void>;
}

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

/** The answers a server gives for what never reaches its handler, each in that service's own error shape. */
export interface ServerErrorReplies {
  /** A handler that threw: a bug in the emulator, never a policy outcome. */
  internal(error: unknown): Answer;
  /** A body over `maxBodyBytes`. */
  tooLarge(): Answer;
  /** Bytes that are not an HTTP/1.1 request Node can parse (bad request line, header too large...). */
  malformed(reason: string): Answer;
}

export interface ServeOptions {
  name: string;
  host?: string;
  maxBodyBytes?: number;
  /**
   * Serve HTTPS with this key and certificate chain (PEM) instead of plain HTTP: HTTP/2 and
   * HTTP/1.1 by ALPN (HTTP/1.1 without ALPN), as a Lattice HTTPS listener.
   */
  tls?: { key: string; cert: string };
  replies: ServerErrorReplies;
}

/** How long a connection that sent unparseable bytes may keep sending before it is closed. */
const DRAIN_MS = 2_000;

function readBody(req: Request, limit: number): Promise<Buffer | undefined> {
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

function writeReply(res: Response, reply: Reply): void {
  if ('drop' in reply) {
    // The connection is closed without an answer: over HTTP/2 that is the whole session.
    if ('stream' in res) res.stream.session?.destroy();
    else res.socket?.destroy();
    return;
  }
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  // Object.assign rather than `{ ...reply.headers, 'content-length': ... }`: V8 (Node 20) makes a literal that
  // starts with a spread and adds a field after it several microseconds slower, on every answer.
  const headers: Record<string, string> = Object.assign({}, reply.headers);
  headers['content-length'] = String(body.length);
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** An answer as raw HTTP/1.1 bytes, for a socket whose request Node could not parse. */
function rawAnswer(answer: Answer): Buffer {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  const head = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}`];
  for (const [name, value] of Object.entries(answer.headers)) head.push(`${name}: ${value}`);
  head.push(`content-length: ${body.length}`, 'connection: close', '', '');
  return Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), body]);
}

/**
 * Answers an unparseable request and closes the connection gracefully: the answer, then FIN,
 * then reading whatever the client still sends. Closing with unread bytes would make the kernel
 * reset the connection and the client could lose the answer.
 */
function answerClientError(socket: Socket, answer: Answer): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawAnswer(answer));
  socket.on('data', () => {});
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), DRAIN_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d: the plain form is the address. */
const plainAddress = (address: string): string => (address.startsWith('::ffff:') ? address.slice(7) : address);

/** Starts an HTTP(S) server on a free loopback port that hands each request, body read, to `handle`. */
export async function serve(
  handle: (call: IncomingCall) => Reply | Promise<Reply>,
  options: ServeOptions,
): Promise<Served> {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const { replies } = options;
  const onRequest = async (req: Request, res: Response) => {
    try {
      const http2 = req.httpVersionMajor === 2;
      const fields = http2 ? readHttp2Fields(req.rawHeaders) : undefined;
      if (fields && 'error' in fields) {
        writeReply(res, replies.malformed(fields.error));
        return;
      }
      const body = await readBody(req, limit);
      if (body === undefined) {
        writeReply(res, replies.tooLarge());
        return;
      }
      const call: IncomingCall = {
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        rawHeaders: fields ? fields.rawHeaders : req.rawHeaders,
        body,
        remoteAddress: plainAddress(req.socket.remoteAddress ?? ''),
        localPort: req.socket.localPort ?? 0,
        secure: 'encrypted' in req.socket && Boolean((req.socket as { encrypted?: boolean }).encrypted),
        httpVersion: http2 ? '2' : '1.1',
      };
      writeReply(res, await handle(call));
    } catch (error) {
      if ('stream' in res ? res.stream.destroyed : res.socket?.destroyed) return;
      if (!res.headersSent) writeReply(res, replies.internal(error));
      else if ('stream' in res) res.stream.close();
      else res.destroy();
    }
  };
  // Node's own 400 for a missing Host has no body; the handlers answer that case in their service's shape.
  const httpOptions = { requireHostHeader: false };
  const server: Server | Http2SecureServer = options.tls
    ? serveTls(options.tls, onRequest)
    : createServer(httpOptions, onRequest);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const reason =
      error.code === 'HPE_HEADER_OVERFLOW' ? 'the request headers are too large' : 'the request is not valid HTTP/1.1';
    answerClientError(socket, replies.malformed(reason));
  });
  // A failed TLS handshake has no HTTP to answer in: the connection is closed, as any TLS server does.
  server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    host,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * An HTTPS server that speaks HTTP/2 and HTTP/1.1 by ALPN. HTTP/2 traffic that is not HTTP/2 (a
 * garbage preface, a protocol error, a reset) ends that session or stream, never the server.
 */
function serveTls(
  tls: { key: string; cert: string },
  onRequest: (req: Request, res: Response) => Promise<void>,
): Http2SecureServer {
  // `requireHostHeader` reaches the HTTP/1.1 side of the server; Node's types do not say so.
  const options: SecureServerOptions & { requireHostHeader: boolean } = {
    allowHTTP1: true,
    requireHostHeader: false,
    key: tls.key,
    cert: tls.cert,
  };
  const server = createSecureServer(options, onRequest);
  server.on('sessionError', () => {});
  server.on('session', (session) => session.on('error', () => {}));
  server.on('stream', (stream) => stream.on('error', () => {}));
  return server;
}
