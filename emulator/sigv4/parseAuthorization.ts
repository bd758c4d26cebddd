/** The parts of an `Authorization: AWS4-... Credential=..., SignedHeaders=..., Signature=...` header. */
export interface AuthorizationParts {
  algorithm: string;
  credential?: string;
  signedHeaders?: string;
  signature?: string;
}

/**
 * Splits an Authorization header value into its algorithm and its `Name=value` parameters.
 * Parameters are separated by ',' (spaces around them are ignored); names are case-sensitive
 * as AWS reads them; a repeated parameter keeps its first value; a part without '=' is ignored,
 * so it surfaces as a missing parameter. Never throws; validating the parts is the caller's job.
 */
export function parseAuthorization(value: string): AuthorizationParts {
  const trimmed = value.trim();
  const space = trimmed.search(/[ \t]/);
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  const params = new Map<string, string>();
  for (const part of rest.split(',')) {
    const item = part.trim();
    const equals = item.indexOf('=');
    if (equals <= 0) continue;
    const name = item.slice(0, equals).trim();
    if (!params.has(name)) params.set(name, item.slice(equals + 1).trim());
  }
  return {
    algorithm,
    credential: params.get('Credential'),
    signedHeaders: params.get('SignedHeaders'),
    signature: params.get('Signature'),
  };
}
