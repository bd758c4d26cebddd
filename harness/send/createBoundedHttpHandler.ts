import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import { exchange } from './exchange';
import type { Transport } from './Transport';

/**
 * What the bounded handler throws when there is no usable answer: `code` says why (ETIMEDOUT,
 * ECONNRESET, HPE_HEADER_OVERFLOW, ResponseTooLarge, ...); `status` when an answer had begun.
 */
export class ExchangeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = code;
  }
}

export interface BoundedHttpHandlerOptions {
  transport: Transport;
  /** The whole exchange, from connecting to the last byte of the body. */
  timeoutMs: number;
  /** A longer answer is an error, not a truncated answer: an SDK cannot parse half a document. */
  maxBodyBytes: number;
}

export type BoundedHttpHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> & {
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
};

function queryOf(request: HttpRequest): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : value == null ? [] : [value]) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
    }
  }
  return parts.join('&');
}

/**
 * An AWS SDK request handler whose every exchange is bounded in time (the body included) and in
 * size, over the run's shared transport. The SDK's own handler bounds neither the body's size nor
 * the time spent reading it.
 */
export function createBoundedHttpHandler(options: BoundedHttpHandlerOptions): BoundedHttpHandler {
  return {
    async handle(request, handlerOptions) {
      const secure = request.protocol === 'https:';
      const query = queryOf(request);
      const answer = await exchange(
        {
          secure,
          hostname: request.hostname,
          connectHost: request.hostname,
          port: request.port ?? (secure ? 443 : 80),
          method: request.method,
          path: query ? `${request.path}?${query}` : request.path,
          headers: request.headers,
          body: request.body as string | Uint8Array | undefined,
        },
        {
          transport: options.transport,
          timeoutMs: options.timeoutMs,
          maxBodyBytes: options.maxBodyBytes,
          signal: handlerOptions?.abortSignal as AbortSignal | undefined,
        },
      );
      if (answer.kind === 'no-response') throw new ExchangeError(answer.code, answer.message);
      if (answer.truncated) {
        const message = `the answer (HTTP ${answer.status}) was longer than ${options.maxBodyBytes} bytes`;
        throw new ExchangeError('ResponseTooLarge', message, answer.status);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { response: { statusCode: answer.status, headers, body: new Uint8Array(answer.body) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}
