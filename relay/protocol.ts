/**
 * What the harness and a relay say to each other through Lambda `Invoke` (the JSON payload both
 * ways). The harness signs a request where it runs; the relay sends those exact bytes from inside
 * its VPC and hands back what came back, or why nothing did. Judgement stays in the harness.
 */

/** The version of this payload; a relay refuses any other. */
export const RELAY_PROTOCOL = 1;

/** A signed request, as it goes on the wire. */
export interface RelayRequest {
  v: typeof RELAY_PROTOCOL;
  /** `https://host[:port]/path?query` exactly as signed (path and query already encoded). */
  url: string;
  method: string;
  /** Every header as signed, `host` and `authorization` included. */
  headers: Record<string, string>;
  /** The body, base64; absent when there is none. */
  body?: string;
  /** Send over HTTP/2 (ALPN `h2`); HTTP/1.1 otherwise. */
  http2?: boolean;
  /** The whole exchange, connect to last byte; the relay caps it at its own limit. */
  timeoutMs: number;
}

/** Why a relay would not send, or would not hand back what it got. */
export type RelayRefusal =
  /** The host is not a service domain or custom domain the relay was deployed for. */
  | 'destination-not-allowed'
  /** The request carries no SigV4 or SigV4A signature (header or query). */
  | 'unsigned'
  /** The request (body) is larger than the relay's limit. */
  | 'request-too-large'
  /** The answer is larger than the relay's limit (a relay never truncates silently). */
  | 'answer-too-large'
  /** The payload is not a relay request of this version. */
  | 'bad-request';

export type RelayAnswer =
  | {
      v: typeof RELAY_PROTOCOL;
      kind: 'response';
      status: number;
      headers: Record<string, string | string[]>;
      /** The body, base64. */
      body: string;
    }
  /** No HTTP answer: the code says why (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...). */
  | { v: typeof RELAY_PROTOCOL; kind: 'no-response'; code: string; message: string }
  | { v: typeof RELAY_PROTOCOL; kind: 'refused'; reason: RelayRefusal; message: string };
