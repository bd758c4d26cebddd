/**
 * An HTTP/2 request's header fields in the HTTP/1.1 form every handler reads: the pseudo-headers
 * dropped (method and path are read from the request itself) and `:authority` given as `host`.
 *
 * Why `host`: RFC 9113 §8.3.1 makes `:authority` the HTTP/2 form of Host, and SigV4 signs `host`.
 * Clients that sign (curl --aws-sigv4, the harness) sign `host` and send its value as `:authority`,
 * so the request is verified as if it had come with that Host header, as over HTTP/1.1. A request
 * that also carries a `host` header naming another authority is malformed (RFC 9113 §8.3.1 lets a
 * server refuse it); one with the same value keeps its `host` header only once.
 */
export function readHttp2Fields(rawHeaders: string[]): { rawHeaders: string[] } | { error: string } {
  let authority: string | undefined;
  let host: string | undefined;
  const fields: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const value = rawHeaders[i + 1];
    if (name === ':authority') authority = value;
    if (name.startsWith(':')) continue;
    if (name.toLowerCase() === 'host') {
      if (host !== undefined) return { error: 'the request has more than one host header' };
      host = value;
    }
    fields.push(name, value);
  }
  if (authority !== undefined && host !== undefined && authority.toLowerCase() !== host.toLowerCase())
    return { error: 'the :authority and host of the request name different hosts' };
  if (authority !== undefined && host === undefined) fields.unshift('host', authority);
  return { rawHeaders: fields };
}
