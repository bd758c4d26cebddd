const HEX = '0123456789ABCDEF';

/** RFC 3986 unreserved characters: A-Z a-z 0-9 - . _ ~ (the only bytes SigV4 leaves as they are). */
const isUnreserved = (byte: number): boolean =>
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  (byte >= 0x30 && byte <= 0x39) ||
  byte === 0x2d ||
  byte === 0x2e ||
  byte === 0x5f ||
  byte === 0x7e;

/**
 * SigV4's URI encoding of raw bytes: every byte but the unreserved ones becomes %XX (upper-case
 * hex). `keepSlash` leaves '/' alone, for paths. Same output as smithy's `escapeUri`
 * (`encodeURIComponent` plus `!'()*`) on the UTF-8 text.
 */
export function uriEncode(bytes: Uint8Array, keepSlash = false): string {
  let out = '';
  for (const byte of bytes) {
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}
