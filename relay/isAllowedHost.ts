/**
 * Whether a host name (already lowercased) is one a relay was deployed for: an entry is a host name,
 * compared case-insensitively, or `*.suffix`, which allows exactly one label in front of `.suffix`
 * (`a.suffix`, never `a.b.suffix` nor `suffix` itself). The port plays no part.
 */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    if (!allowed.startsWith('*.')) return allowed !== '' && host === allowed;
    const suffix = allowed.slice(1);
    if (suffix.length < 2 || !host.endsWith(suffix)) return false;
    const label = host.slice(0, -suffix.length);
    return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label);
  });
}
