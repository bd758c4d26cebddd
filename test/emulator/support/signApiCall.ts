import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import { REGION } from './localCalls';
import { toFlat, type Hostile, type Random } from './hostileTransport';

export interface ApiCall {
  method?: string;
  /** The path (already encoded, `/` by default) and the query parameters. */
  path?: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** The signing name and region in the credential scope (the endpoint's own by default). */
  service: string;
  region?: string;
  signingDate?: Date;
}

/** A call to an AWS API endpoint (a POST to `/` by default), SigV4-signed (signed body) as the SDK signs it. */
export function signApiCall(endpoint: string, credentials: AwsCredentialIdentity, call: ApiCall): Promise<HttpRequest> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    service: call.service,
    region: call.region ?? REGION,
    credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const request: HttpRequest = {
    method: call.method ?? 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: call.path ?? '/',
    query: { ...call.query },
    headers: { host: url.host, ...call.headers },
    body: call.body,
  };
  return signer.sign(request, { signingDate: call.signingDate }) as Promise<HttpRequest>;
}

/** A signed request as a hostile one, its body replaced when given. */
export const asHostile = (
  kind: string,
  signed: HttpRequest,
  body: string | Buffer = signed.body as string,
): Hostile => ({
  kind,
  method: signed.method,
  target: targetOf(signed),
  headers: toFlat(signed.headers),
  body,
});

/** Path and query as they go on the request line. */
function targetOf(signed: HttpRequest): string {
  const query = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
  return query ? `${signed.path}?${query}` : signed.path;
}

/** A signing date outside the 15-minute window (past or future), drawn from `next()`. */
export const skewedDate = (next: () => number) =>
  new Date(Date.now() + (next() < 0.5 ? -1 : 1) * (16 + Math.floor(next() * 600)) * 60_000);

/** Keys no world issued: an access key ID of AWS's shape (a user's or a session's) and a secret. */
export const unknownKeyOf = (rng: Random): AwsCredentialIdentity => ({
  accessKeyId: `${rng.pick(['AKIA', 'ASIA'])}${rng.text(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  secretAccessKey: rng.text(40),
});
