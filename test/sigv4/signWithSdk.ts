import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureV4a } from '@smithy/signature-v4a';
import type { OutgoingRequest } from './sendWithNodeHttp';

/** The SDK's own sha256 constructor for Node (`Hash.bind(null, 'sha256')`). */
const Sha256 = Hash.bind(null, 'sha256');

export interface SdkCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SdkSignInput {
  algorithm?: 'sigv4' | 'sigv4a';
  port: number;
  method?: string;
  /** The path as an SDK holds it: already percent-encoded. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  credentials: SdkCredentials;
  /** Default 'vpc-lattice-svcs'. */
  service?: string;
  /** SigV4: the region; SigV4A: the region set (default '*'). Default 'us-west-2' for SigV4. */
  region?: string;
  signingDate: Date;
  unsignableHeaders?: Set<string>;
  /** Presign (SigV4 only) instead of an Authorization header. */
  presign?: { expiresIn: number; unhoistableHeaders?: Set<string> };
  /** Leave the Host header out of what is signed (Node's client adds it when sending). */
  omitHost?: boolean;
}

/**
 * Signs with the real SDK signers (`@smithy/signature-v4`, `@smithy/signature-v4a`,
 * `applyChecksum: false`) and returns the request as Node's http.request will send it: the
 * query string built the way the SDK builds it (escapeUri on each key and value, in insertion
 * order).
 */
export async function signWithSdk(input: SdkSignInput): Promise<OutgoingRequest> {
  const host = `127.0.0.1:${input.port}`;
  const request = {
    method: input.method ?? 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: input.port,
    path: input.path,
    query: input.query ?? {},
    headers: { ...(input.omitHost ? {} : { host }), ...input.headers },
    body: input.body,
  };
  const service = input.service ?? 'vpc-lattice-svcs';
  const common = { credentials: input.credentials, service, sha256: Sha256, applyChecksum: false };
  let signed: typeof request;
  if (input.algorithm === 'sigv4a') {
    const signer = new SignatureV4a({ ...common, region: input.region ?? '*' });
    signed = (await signer.sign(request, {
      signingDate: input.signingDate,
      unsignableHeaders: input.unsignableHeaders,
    })) as typeof request;
  } else {
    const signer = new SignatureV4({ ...common, region: input.region ?? 'us-west-2' });
    signed = (
      input.presign
        ? await signer.presign(request, {
            signingDate: input.signingDate,
            expiresIn: input.presign.expiresIn,
            unhoistableHeaders: input.presign.unhoistableHeaders,
            unsignableHeaders: input.unsignableHeaders,
          })
        : await signer.sign(request, { signingDate: input.signingDate, unsignableHeaders: input.unsignableHeaders })
    ) as typeof request;
  }
  const queryString = buildQueryString(signed.query);
  return {
    method: signed.method,
    path: queryString ? `${signed.path}?${queryString}` : signed.path,
    headers: signed.headers as Record<string, string>,
    body: signed.body,
  };
}

/** smithy's escapeUri: encodeURIComponent plus !'()*. */
export const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function buildQueryString(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) parts.push(`${escapeUri(key)}=${escapeUri(item)}`);
  }
  return parts.join('&');
}
