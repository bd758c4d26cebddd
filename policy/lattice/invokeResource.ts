/**
 * The resource an Invoke names, in its auth policies' `Resource` and in Lattice's denial: the
 * service ARN, a slash, and the request path without its leading slash (path `/` gives
 * `<service-arn>/`). `path` is the path Lattice serves: normalised as the signer normalises it,
 * then decoded (world/readServedTarget).
 */
export function invokeResource(serviceArn: string, path: string): string {
  return `${serviceArn}/${path.replace(/^\//, '')}`;
}
