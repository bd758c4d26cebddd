import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { HttpRequest } from '@smithy/types';
import { wireQuery } from '../request/buildRequest';

export interface HttpAnswer { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body: string; truncated: boolean }
/** No HTTP answer: the code says why (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, ...). */
export interface NoAnswer { kind: 'no-response'; code: string; message: string }
export type SendResult = HttpAnswer | NoAnswer;

export interface SendOptions {
  timeoutMs: number;
  /** Connect here instead of resolving the request's host name (the local world's resolver). */
  connectTo?: { address: string; port: number };
  localAddress?: string;
  /** Extra CA certificates (PEM) to trust for HTTPS. */
  ca?: string | Buffer;
  maxBodyBytes?: number;
}

/** Sends a (signed) request over HTTP(S) and reads the answer; never throws, never hangs past the timeout. */
export function sendRequest(req: HttpRequest, options: SendOptions): Promise<SendResult> {
  const query = wireQuery(Object.fromEntries(Object.entries(req.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : v == null ? [] : [v]])));
  const secure = req.protocol === 'https:';
  const limit = options.maxBodyBytes ?? 256 * 1024;
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let client: ClientRequest;
    try {
      client = (secure ? httpsRequest : httpRequest)({
        host: options.connectTo?.address ?? req.hostname,
        port: options.connectTo?.port ?? req.port ?? (secure ? 443 : 80),
        servername: secure ? req.hostname : undefined,
        localAddress: options.localAddress,
        method: req.method,
        path: query ? `${req.path}?${query}` : req.path,
        headers: req.headers,
        // Added to the trusted roots, not instead of them.
        ca: options.ca ? [...rootCertificates, options.ca] : undefined,
        agent: false,
      });
    } catch (error) {
      // Node refuses some requests before sending anything (an invalid header, say): no answer.
      const e = error as NodeJS.ErrnoException;
      finish({ kind: 'no-response', code: e.code ?? 'ERR_INVALID_REQUEST', message: e.message });
      return;
    }
    timer = setTimeout(() => {
      client.destroy();
      finish({ kind: 'no-response', code: 'ETIMEDOUT', message: `no answer within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    client.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'no-response', code: error.code ?? 'ERROR', message: error.message }));
    client.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      });
      res.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'no-response', code: error.code ?? 'ECONNRESET', message: error.message }));
      res.on('aborted', () => finish({ kind: 'no-response', code: 'ECONNRESET', message: 'the response was cut off' }));
      res.on('end', () =>
        finish({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), truncated: size > limit }),
      );
    });
    if (req.body !== undefined) client.write(req.body);
    client.end();
  });
}
