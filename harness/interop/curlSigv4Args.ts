/** The credentials curl signs with (a session's, its token sent as a header). */
export interface CurlCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * curl's arguments to send a request as Lattice's callers do, signed by curl itself (`--aws-sigv4`, signing
 * name `vpc-lattice-svcs`) with `credentials`, from `sourceAddress` (a VPC's address in the local world).
 * `contentSha256` is the `x-amz-content-sha256` header curl sends and signs (Lattice takes only
 * `UNSIGNED-PAYLOAD`); `undefined` sends none, and curl then signs the hash of the body.
 */
export function curlSigv4Args(
  credentials: CurlCredentials,
  sourceAddress: string,
  contentSha256: string | undefined,
  region = 'us-east-1',
): string[] {
  return [
    ['--interface', sourceAddress],
    ['--aws-sigv4', `aws:amz:${region}:vpc-lattice-svcs`],
    ['--user', `${credentials.accessKeyId}:${credentials.secretAccessKey}`],
    credentials.sessionToken === undefined ? [] : ['-H', `x-amz-security-token: ${credentials.sessionToken}`],
    contentSha256 === undefined ? [] : ['-H', `x-amz-content-sha256: ${contentSha256}`],
  ].flat();
}
