const hexValue = (code: number): number => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
};

/**
 * The bytes a percent-encoded component stands for. A '%' not followed by two hex digits is kept
 * as a literal '%' (so it is re-encoded as %25), and '+' stays '+': SigV4 never reads '+' as a
 * space. Characters outside ASCII are taken as Unicode and UTF-8 encoded. Never throws.
 */
export function percentDecode(text: string): Uint8Array {
  const utf8 = Buffer.from(text, 'utf8');
  const out = new Uint8Array(utf8.length);
  let length = 0;
  for (let i = 0; i < utf8.length; i++) {
    const byte = utf8[i]!;
    if (byte === 0x25 && i + 2 < utf8.length) {
      const high = hexValue(utf8[i + 1]!);
      const low = hexValue(utf8[i + 2]!);
      if (high >= 0 && low >= 0) {
        out[length++] = (high << 4) | low;
        i += 2;
        continue;
      }
    }
    out[length++] = byte;
  }
  return out.subarray(0, length);
}
