import type { SendResult } from '../send/sendRequest';
import type { GrpcStatus, Outcome } from './outcome';
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
  // Success is any 2xx, with the target's body (and a gRPC answer's status).
  if (status >= 200 && status < 300) {
    const grpc = readGrpcStatus(result);
    return { kind: 'allowed', status, body, ...truncated, ...(grpc ? { grpc } : {}) };
  }
  // A body cut at the cap is not known to be Lattice's whole text, however its start reads.
  if (status === 403 && !result.truncated) {
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

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * `grpc-status` and `grpc-message` from the trailers, or from the headers of a trailers-only answer
 * (gRPC over HTTP/2). `grpc-message` is percent-encoded on the wire.
 */
function readGrpcStatus(answer: Extract<SendResult, { kind: 'response' }>): GrpcStatus | undefined {
  const fields = answer.trailers?.['grpc-status'] !== undefined ? answer.trailers : answer.headers;
  const status = first(fields['grpc-status']);
  if (status === undefined || !/^\d+$/.test(status.trim())) return undefined;
  const raw = first(fields['grpc-message']);
  let message = raw;
  try {
    message = raw === undefined ? undefined : decodeURIComponent(raw);
  } catch {
    // Not valid percent-encoding: the text as sent.
  }
  return { status: Number(status.trim()), ...(message !== undefined ? { message } : {}) };
}
