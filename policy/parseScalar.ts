const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const EPOCH = /^[+-]?\d+(\.\d+)?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A Numeric operator value (integer or decimal); undefined when it is not a number. */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

/**
 * A Date operator value in milliseconds since the epoch: ISO 8601 (`2020-01-01`,
 * `2020-01-01T00:00:00Z`, with offset or fraction) or epoch seconds (`1577836800`).
 * A date-time without an offset is taken as UTC.
 */
export function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (EPOCH.test(trimmed)) return Number(trimmed) * 1000;
  if (!ISO_8601.test(trimmed)) return undefined;
  let iso = trimmed.toUpperCase();
  if (iso.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A Bool operator value: `true` or `false`, any case. */
export function parseBool(text: string): 'true' | 'false' | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A BinaryEquals value: base64 decoded to a byte string; undefined when not base64. */
export function parseBase64(text: string): string | undefined {
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('latin1');
}
