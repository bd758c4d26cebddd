import type { Outcome } from '../classify/outcome';

/** Socket errors of a connection that was made and then broke. */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Whether an outcome is a transient failure worth retrying. Auth outcomes (allowed, denied,
 * signature-rejected) never are: retrying them could hide a guardrail that is flapping.
 */
export function isTransient(outcome: Outcome): boolean {
  switch (outcome.kind) {
    case 'allowed':
    case 'denied':
    case 'signature-rejected':
      return false;
    case 'http-error':
      // A 5xx or a 429; any other status (an unknown 999 included) is an answer, not a hiccup.
      return (outcome.status >= 500 && outcome.status <= 599) || outcome.status === 429;
    case 'unreachable':
      return TRANSIENT_SOCKET_CODES.has(outcome.code);
    case 'credentials-failed':
    case 'relay-failed':
      return outcome.transient;
  }
}
