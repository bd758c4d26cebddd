import { constants, type ClientHttp2Stream, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { Answer, ExchangeOptions, NoAnswer, WireRequest } from './exchange';
import { MAX_H2_HEADER_LIST_BYTES, type Http2Lease } from './Http2Sessions';
import { boundedBody } from './boundedBody';

/** Connection-specific headers HTTP/2 forbids (RFC 9113 §8.2.2); `host` travels as `:authority`. */
const NOT_SENT = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

/** Stream and session failures after the request went out: the connection broke, as ECONNRESET says over HTTP/1.1. */
const BROKEN = new Set([
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_HTTP2_ERROR',
  'ECONNRESET',
]);

/**
 * The request's headers as HTTP/2 sends them: the signed `host` as `:authority` (the same value,
 * so the signature over `host` still holds), names in lower case, no connection-specific header.
 */
export function http2Headers(req: WireRequest): OutgoingHttpHeaders {
  const host = Object.entries(req.headers).find(([name]) => name.toLowerCase() === 'host')?.[1];
  const headers: OutgoingHttpHeaders = {
    ':method': req.method,
    ':scheme': 'https',
    ':authority': host ?? `${req.hostname}:${req.port}`,
    ':path': req.path,
  };
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (!NOT_SENT.has(lower)) headers[lower] = value;
  }
  return headers;
}

/** Response headers larger than the cap are no answer, as `HPE_HEADER_OVERFLOW` is over HTTP/1.1. */
const HEADERS_TOO_LARGE = 'ERR_HTTP2_HEADERS_TOO_LARGE';

/** A header list's size as HTTP/2 counts it (RFC 9113 §6.5.2): name and value octets plus 32 per field. */
function headerListSize(fields: IncomingHttpHeaders): number {
  let size = 0;
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value ?? '']) size += name.length + String(v).length + 32;
  return size;
}

/** The answer's fields without the pseudo-headers (`:status`). */
function plainFields(fields: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !name.startsWith(':')));
}

/**
 * One HTTP/2 exchange over the transport's session for the origin and source address, bounded as
 * `exchange` bounds HTTP/1.1: `timeoutMs` covers the session (TLS, ALPN `h2`), the request and every
 * byte of the answer; `maxBodyBytes` is kept; response header lists are capped. A TLS server that
 * does not offer h2 is no answer (`H2_NOT_NEGOTIATED`); a stream or session that breaks is
 * ECONNRESET. Never throws; settles exactly once. HTTP/2 goes over TLS only (no h2c).
 */
export function exchangeHttp2(req: WireRequest, options: ExchangeOptions): Promise<Answer | NoAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    let lease: Http2Lease | undefined;
    let stream: ClientHttp2Stream | undefined;
    const finish = (result: Answer | NoAnswer, complete = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Whatever is still open (a body past the cap, a stalled answer) is cancelled; the session stays.
      if (!complete && stream && !stream.closed) stream.close(constants.NGHTTP2_CANCEL);
      lease?.release();
      resolve(result);
    };
    const noAnswer = (code: string, message: string): NoAnswer => ({ kind: 'no-response', code, message });
    const timer = setTimeout(
      () => finish(noAnswer('ETIMEDOUT', `no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const onAbort = () => finish(noAnswer('ABORT_ERR', 'the request was aborted'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    if (!req.secure) return finish(noAnswer('H2C_UNSUPPORTED', 'HTTP/2 is sent over TLS only (https)'));
    const origin = { hostname: req.hostname, connectHost: req.connectHost, port: req.port };
    void options.transport.http2
      .acquire({ ...origin, localAddress: options.localAddress }, options.timeoutMs)
      .then((got) => {
        if (got.kind === 'no-session') return finish(noAnswer(got.code, got.message));
        if (settled) return got.release();
        lease = got;
        try {
          stream = got.session.request(http2Headers(req), { endStream: req.body === undefined });
        } catch (error) {
          // Node refuses some requests before sending anything (an invalid header, say): no answer.
          const e = error as NodeJS.ErrnoException;
          return finish(noAnswer(e.code ?? 'ERR_INVALID_REQUEST', e.message));
        }
        read(stream);
        if (req.body !== undefined) stream.end(req.body);
      });

    function read(s: ClientHttp2Stream) {
      const body = boundedBody(options.maxBodyBytes);
      let status = 0;
      let headers: IncomingHttpHeaders = {};
      let trailers: IncomingHttpHeaders | undefined;
      const answer = (truncated: boolean): Answer => ({
        kind: 'response',
        status,
        headers,
        body: body.bytes(),
        truncated,
        ...(trailers ? { trailers } : {}),
      });
      s.on('response', (fields) => {
        if (headerListSize(fields) > MAX_H2_HEADER_LIST_BYTES)
          return finish(noAnswer(HEADERS_TOO_LARGE, `the answer's headers exceed ${MAX_H2_HEADER_LIST_BYTES} bytes`));
        status = Number(fields[':status'] ?? 0);
        headers = plainFields(fields);
      });
      s.on('trailers', (fields: IncomingHttpHeaders) => (trailers = plainFields(fields)));
      s.on('data', (chunk: Buffer) => {
        if (!body.add(chunk)) finish(answer(true));
      });
      // A reset stream ends its body too: the answer is complete only when the stream then closes cleanly.
      let ended = false;
      s.on('end', () => (ended = true));
      s.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? 'ERROR';
        finish(noAnswer(BROKEN.has(code) ? 'ECONNRESET' : code, error.message));
      });
      // A stream closed without a complete answer: RST_STREAM, GOAWAY, a dropped connection.
      s.on('close', () => {
        if (ended && status && s.rstCode === constants.NGHTTP2_NO_ERROR) return finish(answer(false), true);
        const reset = s.rstCode ? ` (RST_STREAM code ${s.rstCode})` : '';
        finish(noAnswer('ECONNRESET', `the HTTP/2 stream closed before the answer ended${reset}`));
      });
    }
  });
}
