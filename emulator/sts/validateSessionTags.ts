import { StsError } from './stsXml';

/** STS API reference, `Tag`: the patterns as the service states them in its messages. */
const KEY_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
const VALUE_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
/**
 * [guess] The packed-size budget of session tags. AWS compresses policies and tags into a packed
 * format whose limit it does not publish; the plaintext characters of keys and values against
 * 2,048 is the estimate used here, so 50 tags of the longest keys and values are refused as in AWS.
 */
const PACKED_BUDGET = 2048;

interface RawTag {
  n: number;
  key: string | null;
  value: string | null;
}

const TAG_PARAM = /^Tags\.member\.(\d{1,9})\.(?:Key|Value)$/;

/**
 * `Tags.member.N.Key` / `.Value` as sent, N from 1 to the highest N present: a position with no
 * member is a tag whose key (and value) is null, so a tag sent past a gap is refused rather than
 * silently left out. Undefined when the highest N is past the limit (the list is too long).
 */
function readRawTags(params: URLSearchParams): RawTag[] | undefined {
  let last = 0;
  for (const name of params.keys()) {
    const match = TAG_PARAM.exec(name);
    if (match) last = Math.max(last, Number(match[1]));
  }
  if (last > MAX_TAGS) return undefined;
  return Array.from({ length: last }, (_, i) => ({
    n: i + 1,
    key: params.get(`Tags.member.${i + 1}.Key`),
    value: params.get(`Tags.member.${i + 1}.Value`),
  }));
}

/** The service framework's constraint messages for one string member (AWS lists each failure). */
function memberErrors(where: string, text: string | null, min: number, max: number, pattern: string): string[] {
  if (text === null) return [`Value null at '${where}' failed to satisfy constraint: Member must not be null`];
  const fail = (constraint: string) => `Value '${text}' at '${where}' failed to satisfy constraint: ${constraint}`;
  const errors: string[] = [];
  if (text.length > max) errors.push(fail(`Member must have length less than or equal to ${max}`));
  if (text.length < min) errors.push(fail(`Member must have length greater than or equal to ${min}`));
  if (!ALLOWED.test(text)) errors.push(fail(`Member must satisfy regular expression pattern: ${pattern}`));
  return errors;
}

const invalidParameter = (message: string) => new StsError(400, 'InvalidParameterValue', message);

/**
 * Validates the session tags of an AssumeRole request as STS does (API reference `Tag`, IAM User
 * Guide "Passing session tags in AWS STS"): first the framework's constraints, all reported in
 * one `ValidationError` ("N validation errors detected: ...; ..."): at most 50 tags, keys of 1 to
 * 128 characters, values of 0 to 256, both of letters, spaces, digits and `_.:/=+-@`. Then the
 * service's own rules: no key starting with `aws:` (any case), no two keys equal ignoring case,
 * transitive tag keys among the tags, and the packed size.
 */
export function validateSessionTags(params: URLSearchParams): void {
  const tags = readRawTags(params);
  if (tags === undefined) {
    throw new StsError(
      400,
      'ValidationError',
      `1 validation error detected: Value at 'tags' failed to satisfy ` +
        `constraint: Member must have length less than or equal to ${MAX_TAGS}`,
    );
  }
  const errors: string[] = [];
  for (const { n, key, value } of tags) {
    errors.push(...memberErrors(`tags.${n}.member.key`, key, 1, MAX_KEY, KEY_PATTERN_TEXT));
    errors.push(...memberErrors(`tags.${n}.member.value`, value, 0, MAX_VALUE, VALUE_PATTERN_TEXT));
  }
  if (errors.length > 0) {
    const count = errors.length === 1 ? '1 validation error' : `${errors.length} validation errors`;
    throw new StsError(400, 'ValidationError', `${count} detected: ${errors.join('; ')}`);
  }
  const keys = tags.map((t) => t.key!);
  // [guess] STS's wording for the reserved prefix is not published; the code is the one it uses for tag rules.
  if (keys.some((k) => k.toLowerCase().startsWith('aws:'))) {
    throw invalidParameter('Tag keys starting with the aws: prefix are reserved for AWS use.');
  }
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  if (lower.size !== keys.length)
    throw invalidParameter('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  for (let n = 1; params.has(`TransitiveTagKeys.member.${n}`); n++) {
    if (!lower.has(params.get(`TransitiveTagKeys.member.${n}`)!.toLowerCase())) {
      throw invalidParameter('The specified transitive tag key must be included in the requested tags.');
    }
  }
  const plaintext = tags.reduce((sum, t) => sum + t.key!.length + t.value!.length, 0);
  const percent = Math.ceil((plaintext * 100) / PACKED_BUDGET);
  if (percent > 100) {
    throw new StsError(
      400,
      'PackedPolicyTooLarge',
      `Packed size of session tags consumes ${percent}% of allotted space.`,
    );
  }
}
