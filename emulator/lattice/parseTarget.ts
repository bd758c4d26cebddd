/** Decodes percent-escapes, keeping a malformed escape as it was sent. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a raw request-target into its decoded path and multi-valued query. `+` stays a literal plus. */
export function parseTarget(requestTarget: string): { path: string; query: Record<string, string[]> } {
  // The absolute form (`GET http://host/path HTTP/1.1`) names the same path as the origin form.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(requestTarget);
  const target = absolute ? requestTarget.slice(absolute[0].length) || '/' : requestTarget;
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const query: Record<string, string[]> = {};
  if (q !== -1) {
    for (const pair of target.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = safeDecode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : safeDecode(pair.slice(eq + 1));
      (query[key] ??= []).push(value);
    }
  }
  const path = safeDecode(rawPath.startsWith('/') ? rawPath : `/${rawPath}`);
  return { path, query };
}

/** Lower-case header names to their values in wire order. */
export function headerMap(rawHeaders: string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) (headers[rawHeaders[i].toLowerCase()] ??= []).push(rawHeaders[i + 1]);
  return headers;
}
