import type { RelayRefusal } from '../../../relay/protocol';
import type { Random } from './hostileTransport';
import { PARKING } from './localCalls';

/** A JSON payload that is no relay request a relay would send, and the refusal the relay answers it with. */
export function hostileRelayPayload(rng: Random): [string, RelayRefusal] {
  const request = { v: 1, url: `https://${PARKING}/`, method: 'GET', headers: { host: PARKING }, timeoutMs: 1000 };
  const fakeSignature =
    'AWS4-HMAC-SHA256 Credential=AKIA/20250101/us-east-1/vpc-lattice-svcs/aws4_request, Signature=0a';
  const variants: Record<RelayRefusal, (() => unknown)[]> = {
    'bad-request': [
      () => rng.pick([null, [], 'relay', 42, true, {}, [request]]),
      () => ({ ...request, v: rng.pick([0, 2, '1', null]) }),
      () => ({ ...request, [rng.pick(['extra', 'URL', 'Method', 'timeout'])]: 1 }),
      () => ({
        ...request,
        url: rng.pick(['ftp://x/', `${PARKING}/`, 'https://', 'https://h:0/', 'https://h:99999/']),
      }),
      () => ({ ...request, method: rng.pick(['', 'GE T', 'GET\r\n', 7]) }),
      () => ({ ...request, headers: rng.pick([[], 'host', { 'x y': 'z' }, { h: 'a\r\nb' }, { h: 1 }]) }),
      () => ({ ...request, body: rng.pick(['not base64!', 12, 'abc']) }),
      () => ({ ...request, timeoutMs: rng.pick([0, -1, '5', null, 'Infinity']) }),
    ],
    'destination-not-allowed': [
      () => ({
        ...request,
        url: rng.pick(['https://example.com/', 'http://169.254.169.254/latest/meta-data/', `https://u@${PARKING}/`]),
        headers: {},
      }),
      () => ({ ...request, headers: { host: 'example.com' } }),
    ],
    unsigned: [() => ({ ...request, headers: rng.pick([{ host: PARKING }, { authorization: 'Bearer x' }]) })],
    'request-too-large': [
      () => ({
        ...request,
        method: 'POST',
        headers: { host: PARKING, authorization: fakeSignature },
        // Over the relay's 1 MiB; now and then near Lambda's 6 MB payload (a base64 body of about 5.9 MB).
        body: Buffer.alloc(rng.chance(0.5) ? 4_400_000 : 1024 * 1024 + 1 + rng.int(1000)).toString('base64'),
      }),
    ],
    // Never made: each needs an answer from the service.
    'answer-too-large': [],
  };
  const refusal = rng.pick<RelayRefusal>([
    'bad-request',
    'bad-request',
    'destination-not-allowed',
    'unsigned',
    'request-too-large',
  ]);
  return [JSON.stringify(rng.pick(variants[refusal])()), refusal];
}
