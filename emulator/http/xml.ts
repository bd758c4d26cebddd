/**
 * Characters XML 1.0 does not allow anywhere in a document (C0 controls but tab, newline and
 * carriage return; lone surrogates; U+FFFE, U+FFFF). An answer quoting a client's value must
 * stay parseable, so they become U+FFFD.
 */
const CONTROL_OR_NONCHARACTER = String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]`;
const LONE_HIGH_SURROGATE = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])`;
const LONE_LOW_SURROGATE = String.raw`(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const NOT_XML = new RegExp(`${CONTROL_OR_NONCHARACTER}|${LONE_HIGH_SURROGATE}|${LONE_LOW_SURROGATE}`, 'g');

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
