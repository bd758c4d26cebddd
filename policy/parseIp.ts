/** An IP address as a number: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint. */
export type IpAddress = { version: 4; value: number } | { version: 6; value: bigint };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAPPED_PREFIX = 0xffffn << 32n;

/**
 * Parses an IPv4 or IPv6 address. An IPv4-mapped IPv6 address (`::ffff:203.0.113.9`) is
 * returned as the IPv4 address it carries, so it matches IPv4 ranges.
 */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { version: 4, value: Number(v6 - MAPPED_PREFIX) };
  return { version: 6, value: v6 };
}

export function parseIpv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i]!.length > 1 && m[i]![0] === '0')) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(':') || text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = toWords(halves[0]!, !compressed);
  const tail = compressed ? toWords(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const word of [...head, ...new Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(word);
  return value;
}

/** Hex groups separated by `:`; the last group may be a dotted IPv4 address when `last`. */
function toWords(text: string, last: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (last && i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === undefined) return undefined;
      words.push(v4 >>> 16, v4 & 0xffff);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return undefined;
    }
  }
  return words;
}
