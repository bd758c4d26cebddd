import { RELAY_PROTOCOL, type RelayAnswer } from '../../relay/protocol';

const REFUSALS = new Set([
  'destination-not-allowed',
  'unsigned',
  'request-too-large',
  'answer-too-large',
  'bad-request',
]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isHeaderValue = (v: unknown) =>
  typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

/**
 * A relay's answer, checked field by field: a `RelayAnswer` of this protocol version, or why the payload is not one.
 * Nothing a relay sends is trusted to have the right shape.
 */
export function readRelayAnswer(payload: unknown): { answer: RelayAnswer } | { invalid: string } {
  if (!isRecord(payload)) return { invalid: 'the answer is not a JSON object' };
  if (payload.v !== RELAY_PROTOCOL) return { invalid: `the answer's version (v) is not ${RELAY_PROTOCOL}` };
  switch (payload.kind) {
    case 'response': {
      const { status, headers, body } = payload;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999)
        return { invalid: 'response: status is not an HTTP status' };
      if (!isRecord(headers) || !Object.values(headers).every(isHeaderValue))
        return { invalid: 'response: headers are not a map of strings' };
      if (typeof body !== 'string' || body.length % 4 !== 0 || !BASE64.test(body))
        return { invalid: 'response: body is not base64' };
      return { answer: { v: RELAY_PROTOCOL, kind: 'response', status, headers: headers as never, body } };
    }
    case 'no-response': {
      const { code, message } = payload;
      if (typeof code !== 'string' || code === '' || typeof message !== 'string')
        return { invalid: 'no-response: code and message must be strings' };
      return { answer: { v: RELAY_PROTOCOL, kind: 'no-response', code, message } };
    }
    case 'refused': {
      const { reason, message } = payload;
      if (typeof reason !== 'string' || !REFUSALS.has(reason) || typeof message !== 'string')
        return { invalid: 'refused: reason is not a relay refusal, or message is not a string' };
      return { answer: { v: RELAY_PROTOCOL, kind: 'refused', reason: reason as never, message } };
    }
    default:
      return { invalid: `unknown answer kind ${JSON.stringify(payload.kind)?.slice(0, 40)}` };
  }
}
