/**
 * Characters that act on a terminal or a viewer instead of showing as themselves: C0 controls
 * (ESC starts terminal sequences, CR returns to the start of the line to overwrite it), DEL, C1
 * controls (U+009B is a one-character CSI), the bidirectional controls that reorder what follows
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), zero-width and invisible characters,
 * line and paragraph separators, interlinear annotations, the noncharacters U+FFFE and U+FFFF,
 * invisible tag characters (U+E0000-U+E007F, as surrogate pairs) and lone surrogates.
 * Matched per UTF-16 code unit (no `u` flag), so lone surrogates can be found.
 */
export const ACTIVE_CHARS = new RegExp(
  [
    '[\\u0000-\\u001f\\u007f-\\u009f]', // C0, DEL, C1
    '[\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]', // bidirectional controls
    '[\\u00ad\\u180e\\u200b-\\u200d\\u2060-\\u2065\\u206a-\\u206f\\ufeff]', // invisible
    '[\\u2028\\u2029\\ufff9-\\ufffb\\ufffe\\uffff]', // separators, annotations, noncharacters
    '\\udb40[\\udc00-\\udc7f]', // tag characters
    '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]', // lone surrogates
  ].join('|'),
  'g',
);

/** Every code unit ACTIVE_CHARS can start with: most text has none, and is returned as it is. */
const MAY_BE_ACTIVE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u206f\ud800-\udfff\ufeff\ufff9-\uffff]/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  // A lone surrogate's codePointAt is the surrogate itself; a tag character is one code point.
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

export interface EscapeOptions {
  /** Keep line feeds, tabs and CR LF pairs (a lone CR is still escaped): text shown as several lines. */
  multiline?: boolean;
}

/**
 * Text from outside (a response body, a message, a name from a user's file) made inert for any
 * output: every active character is replaced by a visible escape (`\x1b`, `\r`, `\u202e`), so a
 * body can neither drive the terminal (retitle it, move the cursor, overwrite a line with a fake
 * PASS) nor reorder what a reader sees. By default the result is one line; `multiline` keeps line
 * breaks. Backslashes are left as they are: the escapes are for reading, not for decoding.
 */
export function escapeControls(text: string, options: EscapeOptions = {}): string {
  if (!MAY_BE_ACTIVE.test(text)) return text;
  return text.replace(ACTIVE_CHARS, (char, offset: number, whole: string) => {
    const lineBreak = char === '\n' || char === '\t' || (char === '\r' && whole[offset + 1] === '\n');
    return options.multiline && lineBreak ? char : escapeChar(char);
  });
}
