import type { HttpRequest } from '@smithy/types';
import { RELAY_PROTOCOL, type RelayRequest } from '../../relay/protocol';
import type { Outcome } from '../classify/outcome';
import { wireQueryOf } from '../request/buildRequest';
import type { LambdaInvoker } from './createLambdaInvoker';
import { readRelayAnswer } from './readRelayAnswer';
import { DEFAULT_MAX_BODY_BYTES, type SendResult } from './sendRequest';

export type RelayFailed = Extract<Outcome, { kind: 'relay-failed' }>;
/** The service's answer as the relay brought it back (classified as any answer is), or why there is none. */
export type RelayResult = SendResult | RelayFailed;

/**
 * What Invoke adds to the exchange's own timeout: Lambda's latency, a cold start included. The relay gets the
 * call's timeout for the exchange; the Invoke, the two together.
 */
export const RELAY_OVERHEAD_MS = 5_000;

export interface RelaySendOptions {
  /** The relay's Lambda function ARN. */
  relay: string;
  /** The exchange with the service, as the call would have it when sent directly. */
  timeoutMs: number;
  invoke: LambdaInvoker;
  /** Default 1 MiB, as a direct call keeps. */
  maxBodyBytes?: number;
  /** The HTTP version the relay is to speak to the service. Default 1.1. */
  http?: '1.1' | '2';
}

/** Lambda error names and socket codes that may pass on their own: worth another attempt. */
const TRANSIENT = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'ServiceException',
  'EC2ThrottledException',
  'ECONNRESET',
  'EPIPE',
]);

/** The signed request as the relay is to send it: the same URL, headers and body bytes. */
export function toRelayRequest(req: HttpRequest, timeoutMs: number, http?: '1.1' | '2'): RelayRequest {
  const query = wireQueryOf(req);
  const port = req.port === undefined ? '' : `:${req.port}`;
  const body = req.body === undefined || req.body === null ? undefined : Buffer.from(req.body as string | Uint8Array);
  return {
    v: RELAY_PROTOCOL,
    url: `${req.protocol}//${req.hostname}${port}${req.path}${query ? `?${query}` : ''}`,
    method: req.method,
    headers: { ...req.headers },
    ...(body !== undefined && { body: body.toString('base64') }),
    ...(http === '2' && { http2: true }),
    timeoutMs,
  };
}

function invokeFailure(relay: string, error: unknown): RelayFailed {
  const e = (error ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.code ?? e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const transient = TRANSIENT.has(code) || status === 429 || (status !== undefined && status >= 500);
  const message = `${code}: ${e.message ?? String(error)}`;
  return { kind: 'relay-failed', relay, reason: 'invoke-failed', message, transient };
}

/**
 * Sends a signed request through a relay: Invoke of the relay's function with the request as its payload, then its
 * answer read back. `response` and `no-response` are the service's answer (or its absence) as if sent directly; a
 * refusal, a function error, a failed Invoke or a payload that is no relay answer is `relay-failed`. Never throws.
 */
export async function sendViaRelay(req: HttpRequest, options: RelaySendOptions): Promise<RelayResult> {
  const { relay } = options;
  const failed = (reason: RelayFailed['reason'], message: string): RelayFailed => ({
    kind: 'relay-failed',
    relay,
    reason,
    message,
    transient: false,
  });
  const payload = Buffer.from(JSON.stringify(toRelayRequest(req, options.timeoutMs, options.http)));
  let answered: Awaited<ReturnType<RelaySendOptions['invoke']>>;
  try {
    answered = await options.invoke(relay, payload, options.timeoutMs + RELAY_OVERHEAD_MS);
  } catch (error) {
    return invokeFailure(relay, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(answered.payload).toString('utf8'));
  } catch {
    parsed = undefined;
    if (!answered.functionError) return failed('invalid-answer', 'the relay answered something that is not JSON');
  }
  if (answered.functionError) {
    const p = (parsed ?? {}) as { errorType?: unknown; errorMessage?: unknown };
    const type = typeof p.errorType === 'string' ? p.errorType : answered.functionError;
    const text = typeof p.errorMessage === 'string' ? p.errorMessage : '(no message)';
    return failed('function-error', `${type}: ${text}`);
  }
  const read = readRelayAnswer(parsed);
  if ('invalid' in read) return failed('invalid-answer', read.invalid);
  const answer = read.answer;
  switch (answer.kind) {
    case 'refused':
      return failed(answer.reason, answer.message);
    case 'no-response':
      return { kind: 'no-response', code: answer.code, message: answer.message };
    case 'response': {
      const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const body = Buffer.from(answer.body, 'base64');
      const truncated = body.length > max;
      const text = (truncated ? body.subarray(0, max) : body).toString('utf8');
      return { kind: 'response', status: answer.status, headers: answer.headers, body: text, truncated };
    }
  }
}
