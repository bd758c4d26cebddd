import { describe, expect, it } from 'vitest';
import { encodeRfc3986, wirePath, wireQuery } from '../../harness/request/buildRequest';

/** RFC 3986 §2.3: the unreserved characters; every other byte of the UTF-8 text is percent-encoded, in upper case. */
function referenceEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

describe('encodeRfc3986', () => {
  const samples = [
    '',
    'parking',
    'A-Z_a.z~09',
    "!'()*",
    'a b+c',
    'x/y?z#w&v=u',
    '%2F',
    'ሴ',
    'é😀',
    '\u0000\u001f\u007f',
    '[]@:$,;',
  ];
  for (const text of samples) {
    it(`encodes ${JSON.stringify(text)} as RFC 3986 does`, () => {
      expect(encodeRfc3986(text)).toBe(referenceEncode(text));
    });
  }

  it('encodes each path segment once and keeps the query in declaration order', () => {
    const base = new URL('https://svc.example.com/base/');
    expect(wirePath(base, '/a b/ሴ/(x)/~ok')).toBe('/base/a%20b/%E1%88%B4/%28x%29/~ok');
    expect(wireQuery({ b: ['2', '1'], 'a+': ['x y'] })).toBe('b=2&b=1&a%2B=x%20y');
  });
});
