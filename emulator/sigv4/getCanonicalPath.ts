import { normalizePath } from '../../world/normalizePath';
import { uriEncode } from './uriEncode';

export { normalizePath };

/**
 * The canonical URI of a wire path, as AWS computes it for every service but S3 and as
 * `@smithy/signature-v4` (`uriEscapePath: true`) and aws-c-auth (`use_double_uri_encode`) sign it:
 *
 * 1. with `normalize`, remove '.' and empty segments and resolve '..' (never above the root),
 *    keeping a leading and a trailing '/';
 * 2. URI-encode the result once more: the wire path's own '%' escapes become '%25'
 *    ("double encoding"), '/' stays.
 *
 * The path is not percent-decoded first. A signer that saw `/a%20b` (an SDK builds paths
 * already encoded) signed `/a%2520b`; a signer that saw a raw `/a b` signed `/a%20b`, and the
 * same string fed here as the target gives the same answer.
 */
export function getCanonicalPath(path: string, normalize: boolean): string {
  const text = normalize ? normalizePath(path) : path;
  return uriEncode(Buffer.from(text, 'utf8'), true);
}
