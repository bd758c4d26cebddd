import type { Rejection } from './types';

/**
 * AWS's texts for refused signatures, without the code prefix. Where a text comes from the real
 * service it is marked [seen] (lattice-behaviour.md §2, or AWS error output quoted in public
 * reports); [guess] marks texts we made up in AWS's style because no source shows the real one.
 */
const incomplete = (message: string): Rejection => ({
  kind: 'rejected',
  code: 'IncompleteSignatureException',
  message,
});
const invalid = (message: string): Rejection => ({ kind: 'rejected', code: 'InvalidSignatureException', message });

/** Keeps an echoed header value readable when a client sends something huge. */
const echo = (value: string): string => (value.length > 256 ? `${value.slice(0, 256)}...` : value);

export const rejections = {
  /** [seen] Coral services list every missing part, then echo the header. */
  missingAuthorizationParts: (missing: string[], hasDate: boolean, authorization: string): Rejection =>
    incomplete(
      [
        ...missing.map((name) => `Authorization header requires '${name}' parameter. `),
        hasDate ? '' : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ",
        `Authorization=${echo(authorization)}`,
      ].join(''),
    ),
  /** [seen] */
  missingQueryParts: (missing: string[]): Rejection =>
    incomplete(
      `AWS query-string parameters must include ${missing.map((name) => `'${name}'`).join(', ')}. ` +
        'Re-examine the query-string parameters.',
    ),
  /** [guess] */
  presignedNotAllowed: (): Rejection => incomplete('Query-string authentication is not supported by this service.'),
  /** [guess] S3's wording for the same refusal. */
  twoAuthMechanisms: (): Rejection =>
    incomplete(
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query ' +
        'parameter or the Authorization header should be specified',
    ),
  /** [guess] */
  repeatedAuthorization: (name: string): Rejection => incomplete(`The request carries more than one '${name}'.`),
  /** [seen] */
  badDate: (value: string): Rejection =>
    incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${echo(value)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    ),
  /** [seen] */
  signatureExpired: (signed: string, earliest: string, now: string, window: string): Rejection =>
    invalid(`Signature expired: ${signed} is now earlier than ${earliest} (${now} - ${window}.)`),
  /** [seen] */
  signatureNotYetCurrent: (signed: string, latest: string, now: string, window: string): Rejection =>
    invalid(`Signature not yet current: ${signed} is still later than ${latest} (${now} + ${window}.)`),
  /** [guess] S3's limits on X-Amz-Expires. */
  badExpires: (value: string): Rejection =>
    incomplete(`X-Amz-Expires must be a whole number of seconds from 1 to 604800, not '${echo(value)}'.`),
  /** [seen] */
  hostNotSigned: (): Rejection => invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
  /** [seen] */
  unsupportedAlgorithm: (algorithm: string): Rejection =>
    incomplete(`Unsupported AWS 'algorithm': '${echo(algorithm)}'`),
  /** [seen] for SigV4; the SigV4A variant (four elements) is [guess]. */
  badCredential: (credential: string, sigV4a: boolean): Rejection =>
    incomplete(
      sigV4a
        ? `Credential must have exactly 4 slash-delimited elements, e.g. ` +
            `keyid/date/service/term, got '${echo(credential)}'`
        : `Credential must have exactly 5 slash-delimited elements, e.g. ` +
            `keyid/date/region/service/term, got '${echo(credential)}'`,
    ),
  /** [seen] The scope problems are reported together, each sentence ending in a space. */
  badScope: (problems: string[]): Rejection => invalid(problems.join(' ')),
  /** [guess] */
  regionNotInSet: (regionSet: string, region: string): Rejection =>
    invalid(`The region set '${echo(regionSet)}' in the signature does not include the region '${region}'.`),
  /** [seen] Lattice; the same text serves every signed header that is missing. */
  signedHeaderMissing: (name: string): Rejection =>
    incomplete(`'${echo(name)}' is named as a SignedHeader, but it does not exist in the HTTP request.`),
  /** [seen] Lattice; the same text serves x-amz-region-set for SigV4A [guess]. */
  headerNotSigned: (name: string): Rejection => incomplete(`Missing the '${name}' in canonical headers.`),
  /** [seen] Lattice */
  signedPayload: (): Rejection => invalid('Signed payloads are not supported'),
  /** [seen] */
  unknownKey: (): Rejection => ({
    kind: 'rejected',
    code: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  }),
  /** [seen] */
  expiredToken: (): Rejection => ({
    kind: 'rejected',
    code: 'ExpiredTokenException',
    message: 'The security token included in the request is expired',
  }),
  /** [seen] */
  signatureMismatch: (): Rejection =>
    invalid(
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
  /** [guess] */
  malformedRequest: (what: string): Rejection => incomplete(`The request cannot be authenticated: ${what}.`),
};
