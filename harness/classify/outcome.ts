import type { RelayRefusal } from '../../relay/protocol';
import type { Layer } from '../config/types';

/**
 * Why a relay gave no HTTP answer of the service: it refused (`RelayRefusal`), its function failed
 * (`function-error`), Lambda would not run it (`invoke-failed`: access denied, not found, throttled, timed out,
 * unreachable), or it answered something that is not a relay answer (`invalid-answer`).
 */
export type RelayFailure = RelayRefusal | 'function-error' | 'invoke-failed' | 'invalid-answer';

/**
 * What a call observed: a closed union. Only `denied` can satisfy a deny expectation. `truncated`:
 * the body was longer than the runner keeps (1 MiB) and `body` is its start.
 */
export type Outcome =
  | { kind: 'allowed'; status: number; body: string; truncated?: true; grpc?: GrpcStatus }
  | { kind: 'denied'; layer: Layer; explicit: boolean; principal: string; resource: string; body: string }
  | { kind: 'signature-rejected'; status: number; code: string; message: string }
  | { kind: 'http-error'; status: number; body: string; truncated?: true }
  | { kind: 'unreachable'; code: string; message: string }
  | { kind: 'credentials-failed'; role: string; code: string; message: string; transient: boolean }
  /** The relay (a Lambda function ARN) brought back no answer of the service: never allowed, never denied. */
  | { kind: 'relay-failed'; relay: string; reason: RelayFailure; message: string; transient: boolean };

export type OutcomeKind = Outcome['kind'];

/** A gRPC answer's `grpc-status` (0 is OK) and its `grpc-message`, from the trailers (or a trailers-only answer). */
export interface GrpcStatus {
  status: number;
  message?: string;
}

const TRUNCATED = ' … (body truncated)';

/** One line describing an outcome, for reports. Exhaustive: a new kind will not compile until it has a line. */
export const describeOutcome: { [K in OutcomeKind]: (o: Extract<Outcome, { kind: K }>) => string } = {
  allowed: (o) =>
    `allowed ${o.status}${o.grpc ? ` grpc-status ${o.grpc.status}` : ''} ${o.body}${o.truncated ? TRUNCATED : ''}`,
  denied: (o) => `denied by ${o.layer}${o.explicit ? ' (explicit deny)' : ''}`,
  'signature-rejected': (o) => `signature rejected ${o.status} ${o.code}: ${o.message}`,
  'http-error': (o) => `http error ${o.status} ${o.body}${o.truncated ? TRUNCATED : ''}`,
  unreachable: (o) => `unreachable (${o.code}: ${o.message})`,
  'credentials-failed': (o) => `credentials failed for ${o.role} (${o.code}: ${o.message})`,
  'relay-failed': (o) => `relay failed: ${o.relay} (${o.reason}: ${o.message})`,
};

export function formatOutcome(outcome: Outcome): string {
  return (describeOutcome[outcome.kind] as (o: Outcome) => string)(outcome);
}

/** The text a call got back, for a report: the body when there is one, else what the outcome carries. Exhaustive. */
export const responseTextOf: { [K in OutcomeKind]: (o: Extract<Outcome, { kind: K }>) => string } = {
  allowed: (o) => o.body,
  denied: (o) => o.body,
  'http-error': (o) => o.body,
  'signature-rejected': (o) => `${o.code}: ${o.message}`,
  unreachable: (o) => `${o.code}: ${o.message}`,
  'credentials-failed': (o) => `${o.code}: ${o.message}`,
  'relay-failed': (o) => `${o.reason}: ${o.message} (relay ${o.relay})`,
};

export function responseText(outcome: Outcome): string {
  return (responseTextOf[outcome.kind] as (o: Outcome) => string)(outcome);
}

export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (clipped: ${text.length} chars in all)` : text;
}
