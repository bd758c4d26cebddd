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
});
