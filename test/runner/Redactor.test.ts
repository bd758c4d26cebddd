import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../harness/run/Redactor';

const secret = () => randomBytes(30).toString('base64');

describe('Redactor', () => {
  it('removes every registered secret wherever it appears, the longest when one starts another', () => {
    const r = new Redactor();
    const key = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const token = `${key}-and-more-of-the-session-token`;
    r.add(key, token, 'short');
    const text = `a ${token} b ${key}${key} c short`;
    expect(r.redact(text)).toBe('a [redacted] b [redacted][redacted] c short');
    expect(r.redact('nothing here')).toBe('nothing here');
  });

  it('finds a secret added after earlier texts were redacted, among thousands', () => {
    const r = new Redactor();
    const secrets = Array.from({ length: 5_000 }, secret);
    r.add(...secrets.slice(0, 2_500));
    expect(r.redact(`x ${secrets[10]} y`)).toBe('x [redacted] y');
    r.add(...secrets.slice(2_500));
    const text = `${secrets[4_999]}|${secrets[0]}|${secrets[2_500]}|not-a-secret-at-all`;
    expect(r.redact(text)).toBe('[redacted]|[redacted]|[redacted]|not-a-secret-at-all');
  });

  it('still removes anything shaped like a signature or a session token', () => {
    const r = new Redactor();
    const signature = 'f'.repeat(64);
    expect(r.redact(`Signature=${signature}`)).toBe('Signature=[redacted]');
    expect(r.redact(`X-Amz-Signature=${signature}`)).toBe('X-Amz-Signature=[redacted]');
    const header = '"x-amz-security-token": "IQoJb3JpZ2luX2VjEXAMPLETOKEN"';
    expect(r.redact(header)).toBe('"x-amz-security-token": "[redacted]"');
  });

  it('finds the shapes whatever their case, and leaves texts without them as they are', () => {
    const r = new Redactor();
    const signature = 'ab'.repeat(32);
    expect(r.redact(`SIGNATURE=${signature.toUpperCase()}`)).toBe('SIGNATURE=[redacted]');
    expect(r.redact(`x-amz-signature=${signature}&a=b`)).toBe('x-amz-signature=[redacted]&a=b');
    expect(r.redact('X-AMZ-SECURITY-TOKEN = IQoJb3JpZ2luX2VjEXAMPLE')).toBe('X-AMZ-SECURITY-TOKEN = [redacted]');
    // Too short to be a signature or a token: nothing to redact.
    expect(r.redact(`Signature=${'f'.repeat(63)} x-amz-security-token: short`)).toBe(
      `Signature=${'f'.repeat(63)} x-amz-security-token: short`,
    );
    const plain = '"Lattice Success!"';
    expect(r.redact(plain)).toBe(plain);
  });

  it('redacts a value deeply into a copy, leaving the value, URLs and dates as they are', () => {
    const r = new Redactor();
    const key = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    r.add(key);
    const when = new Date(0);
    const url = new URL(`https://example.com/?k=${key}`);
    const value = {
      kind: 'http-error',
      status: 500,
      body: `the key ${key}`,
      grpc: { status: 2, message: `Signature=${'0'.repeat(64)}` },
      list: [key, 1, null, undefined, { deeper: key }],
      flag: false,
      when,
      url,
    };
    const before = structuredClone({ ...value, url: undefined });
    const redacted = r.redactDeep(value);
    expect(redacted).toEqual({
      kind: 'http-error',
      status: 500,
      body: 'the key [redacted]',
      grpc: { status: 2, message: 'Signature=[redacted]' },
      list: ['[redacted]', 1, null, undefined, { deeper: '[redacted]' }],
      flag: false,
      when,
      url,
    });
    expect(Object.keys(redacted)).toEqual(Object.keys(value));
    expect(redacted.when).toBe(when);
    expect(redacted.url).toBe(url);
    expect({ ...value, url: undefined }).toEqual(before);
    expect(value.url.href).toBe(`https://example.com/?k=${key}`);
  });

  it('keeps a key named __proto__ an own property of the copy, never its prototype', () => {
    const r = new Redactor();
    const value = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": "b"}') as Record<string, unknown>;
    const redacted = r.redactDeep(value);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.hasOwn(redacted, '__proto__')).toBe(true);
    expect((redacted as { polluted?: string }).polluted).toBeUndefined();
    expect(JSON.stringify(redacted)).toBe(JSON.stringify(value));
  });
});
