import { describe, expect, it } from 'vitest';
import { createResultLog } from '../../harness/report/createResultLog';
import type { CallResult } from '../../harness/run/runCall';
import { callResult, planOf, plannedCall, sampleRun } from '../reporters/results';

/** Results whose texts JSON could get wrong if written carelessly: controls, bidi, a lone surrogate, non-ASCII. */
function trickyResults(): CallResult[] {
  const body = 'ok \x1b[31m\u202e\ud800 é 🚀 "q" \\ \r\n\u0000 end';
  return [0, 1, 2, 3].map((i) =>
    callResult(
      plannedCall('tricky', `call ${i}`, 'consumer-b', { kind: 'allow', status: 200 }),
      { kind: 'allowed', status: 200, body: `${body} ${i}`, ...(i === 2 ? { truncated: true as const } : {}) },
      i === 1 ? 'failed' : 'passed',
      {
        consistentAfterMs: i === 3 ? 1500 : undefined,
        ...(i === 0 && { model: { agrees: false, predicted: 'denied by network', reason: body } }),
      },
    ),
  );
}

describe('createResultLog', () => {
  it('reads back every result exactly as it was added, in plan order whatever order they landed in', () => {
    const results = trickyResults();
    const log = createResultLog(planOf(results));
    try {
      for (const i of [2, 0, 3, 1]) log.add(i, results[i]);
      expect(log.results.length).toBe(4);
      const read = [...log.results];
      // The call is the plan's own object, not a copy.
      for (const [i, r] of read.entries()) expect(r.call).toBe(results[i].call);
      // An undefined field is left out, as every report leaves it out.
      expect(read).toEqual(
        results
          .map((r) => JSON.parse(JSON.stringify({ ...r, call: undefined })))
          .map((r, i) => ({
            ...r,
            call: results[i].call,
          })),
      );
      expect(read.map((r) => (r.outcome as { body: string }).body)).toEqual(
        results.map((r) => (r.outcome as { body: string }).body),
      );
      expect('consistentAfterMs' in read[0]).toBe(false);
      // Read as often as asked.
      expect([...log.results]).toEqual(read);
    } finally {
      log.dispose();
    }
  });

  it('lists only the calls that ran, and takes nothing once sealed (a call that lands after the end)', () => {
    const { results, plan } = sampleRun();
    const log = createResultLog(plan);
    try {
      expect([...log.results]).toEqual([]);
      log.add(2, results[2]);
      log.seal();
      log.add(0, results[0]);
      expect(log.results.length).toBe(1);
      expect([...log.results].map((r) => r.call.name)).toEqual(['outsider-c']);
    } finally {
      log.dispose();
    }
  });

  it('keeps a result added twice for one call once (the first)', () => {
    const { results, plan } = sampleRun();
    const log = createResultLog(plan);
    log.add(1, results[1]);
    log.add(1, results[0]);
    expect([...log.results].map((r) => r.status)).toEqual(['flaky']);
    log.dispose();
  });

  it('holds many results written in several pieces and says so when read after it is disposed of', () => {
    const calls = Array.from({ length: 3000 }, (_, i) =>
      callResult(
        plannedCall('many', `c${i}`, 'consumer-b', { kind: 'allow' }),
        {
          kind: 'allowed',
          status: 200,
          body: 'x'.repeat(i % 500),
        },
        'passed',
      ),
    );
    const log = createResultLog(planOf(calls));
    for (let i = calls.length - 1; i >= 0; i--) log.add(i, calls[i]);
    let n = 0;
    for (const r of log.results) {
      expect(r.call).toBe(calls[n].call);
      expect((r.outcome as { body: string }).body.length).toBe(n % 500);
      n++;
    }
    expect(n).toBe(3000);
    log.dispose();
    expect(() => [...log.results]).toThrow(/disposed/);
  });
});
