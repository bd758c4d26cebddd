import { timingSafeEqual } from 'node:crypto';
import { checkFreshness } from './checkFreshness';
import { checkScope } from './checkScope';
import { getCanonicalRequest } from './getCanonicalRequest';
import { getHeaderMap, type HeaderMap } from './getHeaderMap';
import { getStringToSign } from './getStringToSign';
import { isRegionInSet } from './isRegionInSet';
import { isSignatureValid } from './isSignatureValid';
import { parseCredential } from './parseCredential';
import { parseTarget } from './parseTarget';
import { readSignatureClaim, type SignatureClaim } from './readSignatureClaim';
import { rejections } from './rejections';
import { resolvePayloadHash } from './resolvePayloadHash';
import { resolveRequestTime } from './resolveRequestTime';
import { resolveVerifyOptions } from './resolveVerifyOptions';
import type {
  ReceivedRequest,
  Rejection,
  SigningAlgorithm,
  SigningKeyRecord,
  VerifyOptions,
  VerifyResult,
} from './types';

const ALGORITHMS: ReadonlySet<string> = new Set<SigningAlgorithm>(['AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256']);

/**
 * Authenticates a request signed with SigV4 or SigV4A, in an Authorization header or a presigned
 * URL, as an AWS service would. The checks run in AWS's order (as far as public error output
 * shows it): parameters present, date format, clock skew, host signed, algorithm, credential
 * shape, scope, region set, signed headers present, payload, access key, session token, and
 * last the signature itself. Never throws on anything a client can send; every refusal carries
 * AWS's code and text.
 */
export function verifyRequest(req: ReceivedRequest, options: VerifyOptions): VerifyResult {
  const settings = resolveVerifyOptions(options);
  if (!isReceivedRequest(req)) return rejections.malformedRequest('method, target and rawHeaders must be strings');
  const { rawHeaders, headers } = withHostFromAuthority(req.rawHeaders);
  const target = parseTarget(req.target);

  const claim = readSignatureClaim(headers, target.params, settings.allowPresigned);
  if (claim === 'unsigned' || 'kind' in claim) return claim === 'unsigned' ? { kind: 'unsigned' } : claim;

  const requestTime = resolveRequestTime(claim.date);
  if ('kind' in requestTime) return requestTime;
  const stale = checkFreshness({
    time: requestTime.time,
    amzDate: requestTime.amzDate,
    now: settings.now,
    maxSkewMs: settings.maxSkewMs,
    expires: claim.expires,
  });
  if (stale) return stale;

  const signedHeaders = claim.signedHeaders.map((name) => name.toLowerCase());
  if (!signedHeaders.includes('host') && !signedHeaders.includes(':authority')) return rejections.hostNotSigned();

  if (!ALGORITHMS.has(claim.algorithm) || (claim.algorithm === 'AWS4-ECDSA-P256-SHA256' && !settings.allowSigV4a)) {
    return rejections.unsupportedAlgorithm(claim.algorithm);
  }
  const algorithm = claim.algorithm as SigningAlgorithm;
  const sigV4a = algorithm === 'AWS4-ECDSA-P256-SHA256';

  const credential = parseCredential(claim.credential, sigV4a);
  if ('kind' in credential) return credential;
  const badScope = checkScope(credential, {
    service: settings.service,
    region: settings.region,
    amzDate: requestTime.amzDate,
  });
  if (badScope) return badScope;
  if (sigV4a) {
    const badRegionSet = checkRegionSet(claim, signedHeaders, settings.region);
    if (badRegionSet) return badRegionSet;
  }

  const missing = signedHeaders.find((name) => !headers.has(name));
  if (missing !== undefined) return rejections.signedHeaderMissing(missing);

  const payloadHash = resolvePayloadHash({
    mode: settings.payload,
    headers,
    signedHeaders,
    body: req.body,
    contentSha256InQuery: claim.contentSha256InQuery,
  });
  if (typeof payloadHash !== 'string') return payloadHash;

  const record = settings.lookupKey(credential.accessKeyId);
  if (!record) return rejections.unknownKey();
  const badToken = checkSessionToken(record, claim.sessionToken, settings.now);
  if (badToken) return badToken;

  const canonicalRequest = getCanonicalRequest({
    method: req.method,
    target: req.target,
    rawHeaders,
    signedHeaders: claim.signedHeaders,
    payloadHash,
    normalizePath: settings.normalizePath,
    parsed: { target, headers },
  });
  const stringToSign = getStringToSign({
    algorithm,
    amzDate: requestTime.amzDate,
    scope: credential.scope,
    canonicalRequest,
  });
  const valid = isSignatureValid({
    algorithm,
    stringToSign,
    signature: claim.signature,
    credential,
    secretAccessKey: record.secretAccessKey,
  });
  if (!valid) return rejections.signatureMismatch();

  return {
    kind: 'verified',
    accessKeyId: credential.accessKeyId,
    algorithm,
    signedHeaders,
    ...(claim.sessionToken !== undefined ? { sessionToken: claim.sessionToken } : {}),
    presigned: claim.presigned,
  };
}

function isReceivedRequest(req: ReceivedRequest): boolean {
  return (
    typeof req === 'object' &&
    req !== null &&
    typeof req.method === 'string' &&
    typeof req.target === 'string' &&
    Array.isArray(req.rawHeaders)
  );
}

/** HTTP/2 carries the host in ':authority'; a signer signs it as 'host'. The headers as a list and by name. */
function withHostFromAuthority(received: readonly string[]): { rawHeaders: readonly string[]; headers: HeaderMap } {
  const headers = getHeaderMap(received);
  const authority = headers.get(':authority');
  if (headers.has('host') || !authority) return { rawHeaders: received, headers };
  const rawHeaders = [...received, 'host', authority[0]!];
  return { rawHeaders, headers: getHeaderMap(rawHeaders) };
}

/** SigV4A: the region set must be signed and cover the region this endpoint serves. */
function checkRegionSet(
  claim: SignatureClaim,
  signedHeaders: readonly string[],
  region: string,
): Rejection | undefined {
  const regionSet = claim.regionSet;
  if (!regionSet || (!regionSet.inQuery && !signedHeaders.includes('x-amz-region-set'))) {
    return rejections.headerNotSigned('x-amz-region-set');
  }
  return isRegionInSet(regionSet.value, region) ? undefined : rejections.regionNotInSet(regionSet.value, region);
}

/**
 * Temporary credentials must come with their own token, and only until they expire; long-term
 * keys must come without one. A token that is sent but not signed is accepted, as AWS services
 * do (the suite's post-sts-header-after).
 */
function checkSessionToken(record: SigningKeyRecord, sent: string | undefined, now: Date): Rejection | undefined {
  if ((record.sessionToken === undefined) !== (sent === undefined)) return rejections.unknownKey();
  if (record.sessionToken !== undefined && !isSameText(record.sessionToken, sent!)) return rejections.unknownKey();
  if (record.expiration && now.getTime() > record.expiration.getTime()) return rejections.expiredToken();
  return undefined;
}

function isSameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
