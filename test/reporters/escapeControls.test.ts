import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../harness/text/escapeControls';

// Independent of the implementation: the character classes named by ECMA-48 (C0, C1), ASCII DEL,
// and Unicode's bidirectional controls (UAX #9) and line/paragraph separators.
const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
const C1 = Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)); // DEL and U+0080-U+009F
const BIDI = [
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const SEPARATORS = ['\u2028', '\u2029'];
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const ACTIVE = new RegExp(`[${[...C0, ...C1, ...BIDI, ...SEPARATORS].map(unicodeEscape).join('')}]`);

describe('escapeControls', () => {
  it('leaves no C0, DEL, C1, bidirectional control or separator: one line', () => {
    const text = [...C0, ...C1, ...BIDI, ...SEPARATORS].join('|');
    const escaped = escapeControls(text);
    expect(escaped).not.toMatch(ACTIVE);
    expect(escaped.split('|')).toHaveLength(C0.length + C1.length + BIDI.length + SEPARATORS.length);
  });

  it('keeps each one visible: \\xHH up to U+00FF, \\uHHHH above, \\n \\r \\t by name', () => {
    expect(escapeControls('\x1b]0;title\x07')).toBe('\\x1b]0;title\\x07');
    expect(escapeControls('a\rPASS')).toBe('a\\rPASS');
    expect(escapeControls('a\nb\tc\r\n')).toBe('a\\nb\\tc\\r\\n');
    expect(escapeControls('\x00\x7f\u0085\u009b')).toBe('\\x00\\x7f\\x85\\x9b');
    expect(escapeControls('invoice\u202efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(escapeControls('zero\u200bwidth\ufeff')).toBe('zero\\u200bwidth\\ufeff');
  });

  it('escapes lone surrogates and invisible tag characters, keeps real astral characters', () => {
    expect(escapeControls('a\ud800b\udc00c')).toBe('a\\ud800b\\udc00c');
    expect(escapeControls('tag\udb40\udc41')).toBe('tag\\u{e0041}');
    expect(escapeControls('ok 😀 ✓ é 中')).toBe('ok 😀 ✓ é 中');
  });

  it('multiline keeps line feeds, tabs and CR LF, and still escapes a lone CR and ESC', () => {
    expect(escapeControls('a\nb\tc\r\nd\re\x1b[2J', { multiline: true })).toBe('a\nb\tc\r\nd\\re\\x1b[2J');
  });

  it('is idempotent and leaves plain text alone', () => {
    const once = escapeControls('x\x1b\u202e\r\n');
    expect(escapeControls(once)).toBe(once);
    const plain = 'AccessDeniedException: User: arn:aws:sts::444444444444:assumed-role/r/s is not authorized';
    expect(escapeControls(plain)).toBe(plain);
  });
});
