/** One `key=value` pair of a query string, still percent-encoded as sent. */
export interface RawQueryParam {
  key: string;
  value: string;
}

export interface ParsedTarget {
  /** The path as sent, percent-encoding untouched. */
  path: string;
  params: RawQueryParam[];
}

/**
 * Splits a request-target into its path and its query pairs. An absolute-form target
 * (`http://host/path`, as sent to proxies) is reduced to its path. A pair without '=' has an
 * empty value; empty pairs (`a=1&&b=2`) are dropped. A fragment is not part of a request-target,
 * so '#' is an ordinary character here.
 */
export function parseTarget(target: string): ParsedTarget {
  let rest = target;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length) || '/';
  const mark = rest.indexOf('?');
  const path = mark < 0 ? rest : rest.slice(0, mark);
  const query = mark < 0 ? '' : rest.slice(mark + 1);
  const params: RawQueryParam[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    params.push(equals < 0 ? { key: pair, value: '' } : { key: pair.slice(0, equals), value: pair.slice(equals + 1) });
  }
  return { path, params };
}
