import type { HttpRequest } from '@smithy/types';

/** An HTTPS POST to `/` of a service host, ready for the harness's signer (Lattice's unsigned payload), and `body`. */
export function unsignedPost(hostname: string, body?: Buffer): HttpRequest {
  return {
    method: 'POST',
    protocol: 'https:',
    hostname,
    path: '/',
    query: {},
    headers: { host: hostname, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    ...(body !== undefined && { body }),
  };
}
