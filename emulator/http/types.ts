/** A request as the emulator's servers received it, with the body read. */
export interface IncomingCall {
  method: string;
  /** The raw request-target as sent: path and query, percent-encoded. */
  target: string;
  rawHeaders: string[];
  body: Buffer;
  /** The peer's address (IPv4 in plain dotted form). */
  remoteAddress: string;
  localPort: number;
  secure: boolean;
  /** The HTTP version the caller spoke: `2` only over TLS (ALPN `h2`). */
  httpVersion: '1.1' | '2';
}

/** An HTTP answer to write. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** A response to write, or `drop` to close the connection without an HTTP answer. */
export type Reply = Answer | { drop: true };

/** A plain-text answer, the way the Lattice data plane words its errors. */
export const plainText = (status: number, body: string): Answer => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body,
});

/** The first value of a header (case-insensitive) from Node's flat raw header list. */
export function headerValue(rawHeaders: string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}
