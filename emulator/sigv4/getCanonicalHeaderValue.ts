/**
 * One header's canonical value: each occurrence has line breaks turned into spaces (obsolete
 * line folding), runs of spaces and tabs collapsed to one space and the ends trimmed; the
 * occurrences are then joined with ',' in wire order. Same rule as `@smithy/signature-v4`
 * and aws-c-auth.
 */
export function getCanonicalHeaderValue(values: readonly string[]): string {
  return values
    .map((value) =>
      value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, ''),
    )
    .join(',');
}
