import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { createLocalPki } from '../../../emulator/tls/createLocalPki';
import { wireQuery } from '../../../harness/request/buildRequest';
import { RELAY_PROTOCOL, type RelayRequest } from '../../../relay/protocol';

/** The service domain the relays under test are deployed for (and the test servers' certificate name). */
export const SERVICE_HOST = 'parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
export const WILDCARD = '*.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
export const pki = createLocalPki([SERVICE_HOST]);

/** What a test server received, byte for byte. */
export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

export interface TestServer {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

export type Reply = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** An HTTP or HTTPS server on 127.0.0.1 and port 0 that records each request and answers with `reply`. */
export async function startServer(secure: boolean, reply: Reply): Promise<TestServer> {
  const received: Received[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body });
      reply(req, res, body);
    });
  };
  const server: Server = secure
    ? createHttpsServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, handle)
    : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Test credentials (not a real key). */
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const signer = new SignatureV4({
  credentials,
  region: 'us-east-1',
  service: 'vpc-lattice-svcs',
  sha256: Hash.bind(null, 'sha256'),
});

export interface Unsigned {
  secure?: boolean;
  host?: string;
  port?: number;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer;
}

function httpRequestOf(u: Unsigned): HttpRequest {
  const host = u.host ?? SERVICE_HOST;
  return {
    protocol: u.secure === false ? 'http:' : 'https:',
    hostname: host,
    port: u.port,
    method: u.method ?? 'POST',
    path: u.path ?? '/',
    query: u.query ?? {},
    headers: { host: u.port ? `${host}:${u.port}` : host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...u.headers },
    body: u.body,
  };
}

function relayRequestOf(req: HttpRequest, timeoutMs: number, body?: Buffer): RelayRequest {
  const entries = Object.entries(req.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : v == null ? [] : [v]]);
  const query = wireQuery(Object.fromEntries(entries));
  const port = req.port ? `:${req.port}` : '';
  return {
    v: RELAY_PROTOCOL,
    url: `${req.protocol}//${req.hostname}${port}${req.path}${query ? `?${query}` : ''}`,
    method: req.method,
    headers: req.headers,
    ...(body ? { body: body.toString('base64') } : {}),
    timeoutMs,
  };
}

/** A request signed by the AWS SDK's SigV4 signer (authorization header), as a relay payload. */
export async function signed(u: Unsigned = {}, timeoutMs = 5_000): Promise<RelayRequest> {
  const req = await signer.sign(httpRequestOf(u), { signingDate: new Date('2026-12-01T10:00:00Z') });
  return relayRequestOf(req, timeoutMs, u.body);
}

/** A request presigned by the AWS SDK's SigV4 signer (the signature in the query), as a relay payload. */
export async function presigned(u: Unsigned = {}, timeoutMs = 5_000): Promise<RelayRequest> {
  const req = await signer.presign(httpRequestOf(u), { signingDate: new Date('2026-12-01T10:00:00Z') });
  return relayRequestOf(req, timeoutMs, u.body);
}

/** The same request with no signature at all. */
export function unsigned(u: Unsigned = {}, timeoutMs = 5_000): RelayRequest {
  return relayRequestOf(httpRequestOf(u), timeoutMs, u.body);
}
