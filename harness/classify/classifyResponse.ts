import type { SendResult } from '../send/sendRequest';
import type { Outcome } from './outcome';
import { parseAccessDenied } from './parseAccessDenied';

/** Error codes Lattice uses when it refuses a request's signature rather than its permissions. */
const SIGNATURE_CODES = [
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'MissingAuthenticationTokenException',
];
const SIGNATURE_ERROR = new RegExp(`^(${SIGNATURE_CODES.join('|')}): ([^]*)$`);

/**
 * Turns what came back into an outcome. Ordered checks; nothing falls through to `allowed`:
 * only a 2xx is allowed and only Lattice's exact AccessDenied text is a denial.
 */
export function classifyResponse(result: SendResult): Outcome {
  // No HTTP answer at all (refused, reset, timed out, unresolvable): never a denial.
  if (result.kind === 'no-response') return { kind: 'unreachable', code: result.code, message: result.message };
  const { status, body } = result;
  const truncated = result.truncated ? { truncated: true as const } : {};
  // Success is any 2xx, with the target's body.
  if (status >= 200 && status < 300) return { kind: 'allowed', status, body, ...truncated };
  if (status === 403) {
    // An auth policy refused: the text names the layer.
    const denied = parseAccessDenied(body);
    if (denied) return { kind: 'denied', ...denied, body };
    // The signature, token or date was refused before any policy was read.
    const signature = SIGNATURE_ERROR.exec(body);
    if (signature) return { kind: 'signature-rejected', status, code: signature[1], message: signature[2] };
  }
  // Everything else, including a 403 with any other text, is an HTTP error.
  return { kind: 'http-error', status, body, ...truncated };
}
