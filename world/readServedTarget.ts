import { normalizePath } from './normalizePath';

/** Decodes percent-escapes, keeping a malformed escape as it was sent. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A request-target as the data plane serves it. */
export interface ServedTarget {
  /** Decoded, normalised path: what auth policies see (resource, RequestPath). */
  path: string;
  /** The same path as sent on to the target: normalised, still percent-encoded, with the query. */
  forwarded: string;
  query: Record<string, string[]>;
}

/**
 * Reads a raw request-target the way it was signed: the path normalised as the signer normalised
 * it ('.', '..' and empty segments), then decoded, so the policies judge the path the signature
 * covers and the target receives. A path that cannot be read so (a malformed escape, an encoded
 * dot segment) is refused: `{ error }`. `+` stays a literal plus.
 */
export function readServedTarget(requestTarget: string): ServedTarget | { error: string } {
  // The absolute form (`GET http://host/path HTTP/1.1`) names the same path as the origin form.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(requestTarget);
  const target = absolute ? requestTarget.slice(absolute[0].length) || '/' : requestTarget;
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const encoded = normalizePath(rawPath.startsWith('/') ? rawPath : `/${rawPath}`) || '/';
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return { error: 'the path holds a malformed percent-escape' };
  }
  if (path.split('/').some((segment) => segment === '.' || segment === '..'))
    return { error: 'the path holds an encoded dot segment' };
  // A null-prototype map: query keys such as `constructor` or `__proto__` are ordinary keys.
  const query: Record<string, string[]> = Object.create(null);
  if (q !== -1) {
    for (const pair of target.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = safeDecode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : safeDecode(pair.slice(eq + 1));
      (query[key] ??= []).push(value);
    }
  }
  return { path, forwarded: q === -1 ? encoded : `${encoded}${target.slice(q)}`, query };
}

/** Lower-case header names to their values in wire order (a null-prototype map). */
export function headerMap(rawHeaders: string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = Object.create(null);
  for (let i = 0; i < rawHeaders.length; i += 2) (headers[rawHeaders[i].toLowerCase()] ??= []).push(rawHeaders[i + 1]);
  return headers;
}
