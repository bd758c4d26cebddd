import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import { boundedBody } from './boundedBody';
import type { Transport } from './Transport';

/** One request as it goes on the wire. */
export interface WireRequest {
  secure: boolean;
  /** The name the request is for (TLS server name). */
  hostname: string;
  /** Where to connect (an address, or the host name itself). */
  connectHost: string;
  port: number;
  method: string;
  /** Path and query, encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ExchangeOptions {
  transport: Transport;
  /** The whole exchange: connecting, sending, the headers and every byte of the body. */
  timeoutMs: number;
  /** Body bytes kept; the answer ends there (`truncated`) and the rest is never read. */
  maxBodyBytes: number;
  localAddress?: string;
  signal?: AbortSignal;
}

export interface Answer {
  kind: 'response';
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  /** Trailing header fields (HTTP/2; gRPC's `grpc-status` and `grpc-message` come this way). */
  trailers?: IncomingHttpHeaders;
}
/** No HTTP answer: the code says why (ECONNREFUSED, ECONNRESET, ETIMEDOUT, HPE_HEADER_OVERFLOW, ...). */
export interface NoAnswer {
  kind: 'no-response';
  code: string;
  message: string;
}

/** Response headers larger than this are no answer (Node's default, set here so no flag can raise it). */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * One HTTP exchange, bounded in time (`timeoutMs` from the first byte sent to the last byte read)
 * and in memory (`maxBodyBytes`). Never throws; settles exactly once.
 */
export function exchange(req: WireRequest, options: ExchangeOptions): Promise<Answer | NoAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    let client: ClientRequest | undefined;
    const finish = (result: Answer | NoAnswer, complete = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Whatever is still open (a body past the cap, a stalled answer) is of no more use.
      if (!complete) client?.destroy();
      resolve(result);
    };
    const noAnswer = (code: string, message: string): NoAnswer => ({ kind: 'no-response', code, message });
    const timedOut = () => finish(noAnswer('ETIMEDOUT', `no answer within ${options.timeoutMs} ms`));
    const timer = setTimeout(timedOut, options.timeoutMs);
    const onAbort = () => finish(noAnswer('ABORT_ERR', 'the request was aborted'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    try {
      // Node hands `secureContext` on to tls.connect; its types do not say so.
      const requestOptions: RequestOptions & Pick<ConnectionOptions, 'secureContext'> = {
        host: req.connectHost,
        port: req.port,
        servername: req.secure ? req.hostname : undefined,
        localAddress: options.localAddress,
        method: req.method,
        path: req.path,
        headers: req.headers,
        agent: options.transport.agentFor(req.secure, options.localAddress),
        secureContext: req.secure ? options.transport.secureContext : undefined,
        maxHeaderSize: MAX_HEADER_BYTES,
      };
      client = req.secure ? httpsRequest(requestOptions) : httpRequest(requestOptions);
    } catch (error) {
      // Node refuses some requests before sending anything (an invalid header, say): no answer.
      const e = error as NodeJS.ErrnoException;
      return finish({ kind: 'no-response', code: e.code ?? 'ERR_INVALID_REQUEST', message: e.message });
    }
    client.on('error', (error: NodeJS.ErrnoException) => finish(noAnswer(error.code ?? 'ERROR', error.message)));
    client.on('response', (res) => {
      const body = boundedBody(options.maxBodyBytes);
      const answer = (truncated: boolean): Answer => {
        const status = res.statusCode ?? 0;
        return { kind: 'response', status, headers: res.headers, body: body.bytes(), truncated };
      };
      res.on('data', (chunk: Buffer) => {
        if (!body.add(chunk)) finish(answer(true));
      });
      res.on('error', (error: NodeJS.ErrnoException) => finish(noAnswer(error.code ?? 'ECONNRESET', error.message)));
      res.on('aborted', () => finish(noAnswer('ECONNRESET', 'the response was cut off')));
      res.on('end', () => finish(answer(false), true));
    });
    if (req.body !== undefined) client.write(req.body);
    client.end();
  });
}
