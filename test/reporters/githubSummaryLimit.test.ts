import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../harness/reporters/githubReporter';
import { callResult, NETWORK_DENIAL, plannedCall, planOf, summaryOf } from './results';

const allowed = { kind: 'allowed', status: 200, body: '"Lattice Success!"' } as const;

/** `n` calls of which every 1,000th fails. */
function bigRun(n: number) {
  const results = Array.from({ length: n }, (_, i) => {
    const call = plannedCall('big', `call ${i}`, 'consumer-b', { kind: 'deny', layer: 'network' });
    if (i % 1000 === 999) return callResult(call, allowed, 'failed');
    const denied = {
      kind: 'denied',
      layer: 'network',
      explicit: false,
      principal: 'p',
      resource: 'r',
      body: NETWORK_DENIAL,
    } as const;
    return callResult(call, denied, 'passed');
  });
  return { plan: planOf(results), summary: summaryOf(results) };
}

describe('githubReporter: a summary that fits a step summary (1 MiB)', () => {
  it('past the row limit, the table lists the failed calls only and says how many are left out', () => {
    const { plan, summary } = bigRun(20_000);
    const markdown = renderSummary(plan, summary, { maxResponseChars: 4000, maxDetails: 50 });
    expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024);
    const rows = markdown.split('\n').filter((l) => l.startsWith('| big |'));
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.includes('❌ failed'))).toBe(true);
    expect(markdown).toContain(
      '_19,980 of 20,000 calls are not listed (past 1,000 calls this table lists failed and flaky calls only)',
    );
    expect(markdown).toContain('**19980 passed, 20 failed, 0 flaky** (20000 calls');
  });

  it('up to the limit, every call has its row', () => {
    const { plan, summary } = bigRun(1_000);
    const markdown = renderSummary(plan, summary, { maxResponseChars: 4000, maxDetails: 50 });
    expect(markdown.split('\n').filter((l) => l.startsWith('| big |'))).toHaveLength(1_000);
    expect(markdown).not.toContain('not listed');
  });
});
