import { describe, expect, it } from 'vitest';
import { consoleReporter } from '../../harness/reporters/consoleReporter';
import type { PlannedCall } from '../../harness/resolve/types';
import type { CallResult } from '../../harness/run/runCall';

const call: PlannedCall = {
  id: 's › c', scenario: 's', name: 'c',
  caller: { kind: 'anonymous', name: 'c' },
  service: { name: 'svc', url: new URL('https://svc.example/'), arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0' },
  request: { method: 'GET', path: '/', headers: {}, query: {} },
  expect: { kind: 'deny', layer: 'network' },
};

describe('consoleReporter', () => {
  it('keeps every response text on one line, so a body cannot issue CI workflow commands', async () => {
    const body = 'ok\n::stop-commands::pwned\r\n::error::fake\u0007';
    const result: CallResult = { call, outcome: { kind: 'http-error', status: 500, body }, verdict: { passed: false, reason: 'x' }, status: 'failed', attempts: 3, retried: ['http-error', 'http-error'], durationMs: 1 };
    let out = '';
    const reporter = consoleReporter({ write: (t: string) => (out += t) });
    await reporter.onRetry?.({ call, attempt: 1, outcome: result.outcome, delayMs: 10, reason: 'transient' });
    await reporter.onResult?.(result);
    await reporter.onEnd?.({ results: [result], passed: 0, failed: 1, flaky: 0, durationMs: 1 });
    expect(out.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
    expect(out).toContain('ok\\n::stop-commands::pwned\\r\\n::error::fake\\u0007');
    expect(out).toContain('0 passed, 1 failed');
  });
});
