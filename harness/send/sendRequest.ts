import type { HttpRequest } from '@smithy/types';
import { wireQueryOf } from '../request/buildRequest';
import { exchange } from './exchange';
import { exchangeHttp2 } from './exchangeHttp2';
import { transportFor, type Transport } from './Transport';

/** An HTTP answer; `truncated`: the body was longer than `maxBodyBytes` and `body` is its start. */
export interface HttpAnswer {
  kind: 'response';
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  truncated: boolean;
  /** Trailing fields, when the answer had any (HTTP/2: gRPC's `grpc-status`, `grpc-message`). */
  trailers?: Record<string, string | string[] | undefined>;
}
/** No HTTP answer: the code says why (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, ...). */
export interface NoAnswer {
  kind: 'no-response';
  code: string;
  message: string;
}
export type SendResult = HttpAnswer | NoAnswer;

/** Body bytes a service answer keeps by default; the rest is not read. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface SendOptions {
  /** The whole exchange, body included. */
  timeoutMs: number;
  /** Connect here instead of resolving the request's host name (the local world's resolver). */
  connectTo?: { address: string; port: number };
  localAddress?: string;
  /** Extra CA certificates (PEM) to trust for HTTPS. */
  ca?: string | Buffer;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Connections and TLS context to use; default: the process's transport for `ca`, built once. */
  transport?: Transport;
  /** `2`: HTTP/2 over TLS (ALPN `h2`); a server that does not offer it is no answer. Default 1.1. */
  http?: '1.1' | '2';
}

/**
 * Sends a (signed) request over HTTP/1.1 or HTTP/2 and reads the answer; never throws, never hangs
 * past the timeout. Both versions are bounded alike and their answers have one shape.
 */
export async function sendRequest(req: HttpRequest, options: SendOptions): Promise<SendResult> {
  const secure = req.protocol === 'https:';
  const query = wireQueryOf(req);
  const send = options.http === '2' ? exchangeHttp2 : exchange;
  const result = await send(
    {
      secure,
      hostname: req.hostname,
      connectHost: options.connectTo?.address ?? req.hostname,
      port: options.connectTo?.port ?? req.port ?? (secure ? 443 : 80),
      method: req.method,
      path: query ? `${req.path}?${query}` : req.path,
      headers: req.headers,
      body: req.body,
    },
    {
      transport: options.transport ?? transportFor(options.ca),
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      localAddress: options.localAddress,
    },
  );
  if (result.kind === 'no-response') return result;
  const { status, headers, truncated, trailers } = result;
  const body = result.body.toString('utf8');
  return { kind: 'response', status, headers, body, truncated, ...(trailers ? { trailers } : {}) };
}
