import { afterAll, beforeAll } from 'vitest';
import type { SigningKeyRecord, VerifyOptions, VerifyResult } from '../../emulator/sigv4';
import { sendWithNodeHttp, type OutgoingRequest } from './sendWithNodeHttp';
import { signWithSdk, type SdkSignInput } from './signWithSdk';
import { startVerifyServer, type VerifyServer } from './startVerifyServer';

/** Keys, clock and a verifying server shared by the SDK round-trip tests. */
export const NOW = new Date('2026-03-01T10:00:00Z');
export const LONG_TERM = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
export const SESSION = {
  accessKeyId: 'ASIAQEXAMPLESESSION1',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//session+token/==',
};
export const EXPIRED = { ...SESSION, accessKeyId: 'ASIAQEXAMPLEEXPIRED1' };
export const UNSIGNED = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };

const keys = new Map<string, SigningKeyRecord>([
  [LONG_TERM.accessKeyId, { secretAccessKey: LONG_TERM.secretAccessKey }],
  [SESSION.accessKeyId, { ...SESSION, expiration: new Date(NOW.getTime() + 3600_000) }],
  [EXPIRED.accessKeyId, { ...EXPIRED, expiration: new Date(NOW.getTime() - 1000) }],
]);

/** What the Lattice data plane passes: vpc-lattice-svcs in us-west-2, unsigned payloads. */
export const latticeOptions = (): VerifyOptions => ({
  service: 'vpc-lattice-svcs',
  region: 'us-west-2',
  now: NOW,
  lookupKey: (id) => keys.get(id),
  payload: 'unsigned-required',
});

export type RoundTripInput = Omit<SdkSignInput, 'port' | 'signingDate'> & { signingDate?: Date };

export interface SdkHarness {
  /** Signs with the SDK, sends with Node's http client, returns what the server's verifyRequest said. */
  roundTrip(input: RoundTripInput, setup?: (options: VerifyOptions) => void): Promise<VerifyResult>;
  /** Signs only, so a test can change the request before sending it with `send`. */
  sign(input: RoundTripInput): Promise<OutgoingRequest>;
  send(request: OutgoingRequest, options?: VerifyOptions): Promise<VerifyResult>;
  /** Sends with Node's fetch (undici, WHATWG URL parsing) instead of http.request. */
  fetch(request: OutgoingRequest): Promise<VerifyResult>;
}

/** Starts one verifying server for the calling test file (port 0, closed after the file). */
export function useSdkHarness(): SdkHarness {
  let server: VerifyServer;
  let options: VerifyOptions = latticeOptions();
  beforeAll(async () => {
    server = await startVerifyServer(() => options);
  });
  afterAll(() => server.close());
  const sign = (input: RoundTripInput) => signWithSdk({ signingDate: NOW, ...input, port: server.port });
  const send = (request: OutgoingRequest, with_: VerifyOptions = latticeOptions()) => {
    options = with_;
    return sendWithNodeHttp(server.port, request);
  };
  return {
    sign,
    send,
    async fetch(request) {
      options = latticeOptions();
      const { host: _, ...headers } = request.headers;
      const response = await fetch(`http://127.0.0.1:${server.port}${request.path}`, {
        method: request.method,
        headers,
        body: request.body,
      });
      return (await response.json()) as VerifyResult;
    },
    async roundTrip(input, setup) {
      const chosen = latticeOptions();
      setup?.(chosen);
      return send(await sign(input), chosen);
    },
  };
}
