import { parseIp, type IpAddress } from './parseIp';

/** A parsed address range, ready for `matchCidr`. */
export type Cidr = { version: 4; network: number; mask: number } | { version: 6; network: bigint; mask: bigint };

const ALL_V6 = (1n << 128n) - 1n;

/**
 * Parses `203.0.113.0/24`, `2001:db8::/32` or a single address (a /32 or /128). Host bits set
 * in the network part are ignored, as IAM does (`203.0.113.7/24` is `203.0.113.0/24`).
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const max = address.version === 4 ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const prefix = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix)) return undefined;
    bits = Number(prefix);
    // An IPv4-mapped IPv6 range such as ::ffff:10.0.0.0/104 becomes 10.0.0.0/8.
    if (address.version === 4 && text.includes(':')) bits -= 96;
    if (bits < 0 || bits > max) return undefined;
  }
  if (address.version === 4) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { version: 4, network: (address.value & mask) >>> 0, mask };
  }
  const mask = bits === 0 ? 0n : (ALL_V6 << BigInt(128 - bits)) & ALL_V6;
  return { version: 6, network: address.value & mask, mask };
}

export function matchCidr(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.version === 4) return address.version === 4 && (address.value & cidr.mask) >>> 0 === cidr.network;
  return address.version === 6 && (address.value & cidr.mask) === cidr.network;
}
