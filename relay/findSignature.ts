const AUTHORIZATION = /^(?:AWS4-HMAC-SHA256|AWS4-ECDSA-P256-SHA256) Credential=\S/;

/**
 * How a request is signed, or undefined when it is not: an `authorization` header of SigV4 or
 * SigV4A (`AWS4-HMAC-SHA256 Credential=...` or `AWS4-ECDSA-P256-SHA256 Credential=...`, with
 * `Signature=`), or a presigned query carrying `X-Amz-Signature` and `X-Amz-Credential`.
 * Only the form is checked: whether the signature is good is for the service to say.
 */
export function findSignature(headers: Record<string, string>, query: string): 'header' | 'query' | undefined {
  const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  if (authorization !== undefined && AUTHORIZATION.test(authorization) && /[ ,]Signature=[0-9a-f]/.test(authorization))
    return 'header';
  const params = new URLSearchParams(query);
  if (params.get('X-Amz-Signature') && params.get('X-Amz-Credential')) return 'query';
  return undefined;
}
