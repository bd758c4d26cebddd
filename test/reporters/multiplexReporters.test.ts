import { describe, expect, it } from 'vitest';
import { multiplexReporters } from '../../harness/reporters/multiplexReporters';
import type { Reporter } from '../../harness/reporters/Reporter';
import { sampleRun } from './results';

/** A reporter that records every hook it gets, and throws from the hooks named in `throwing`. */
function recording(throwing: string[] = []) {
  const seen: string[] = [];
  const hook = (name: string) => (): void => {
    seen.push(name);
    if (throwing.includes(name)) throw new Error(`${name} broke`);
  };
  const reporter: Reporter = {
    onBegin: hook('onBegin'),
    onRetry: hook('onRetry'),
    onResult: hook('onResult'),
    onError: hook('onError'),
    onEnd: (summary) => {
      seen.push(`onEnd:${Array.from(summary.results, (r) => r.call.name).join(',')}`);
      if (throwing.includes('onEnd')) throw new Error('onEnd broke');
    },
  };
  return { reporter, seen };
}

describe('multiplexReporters', () => {
  it('wraps every hook, onError included: a reporter that throws is recorded and the others still get it', async () => {
    const { plan, results, summary } = sampleRun();
    const broken = recording(['onBegin', 'onRetry', 'onResult', 'onError', 'onEnd']);
    const fine = recording();
    const mux = multiplexReporters([
      { name: 'broken', reporter: broken.reporter },
      { name: 'fine', reporter: fine.reporter },
    ]);
    await mux.onBegin(plan);
    const { call, outcome } = results[0];
    await mux.onRetry({ call, attempt: 1, outcome, delayMs: 1, reason: 'transient' });
    await mux.onResult(results[0]);
    await mux.onError({ message: 'boom' });
    await mux.onEnd(summary);
    const expected = ['onBegin', 'onRetry', 'onResult', 'onError', 'onEnd:consumer-b,after-retry,outsider-c'];
    expect(fine.seen).toEqual(expected);
    expect(broken.seen).toEqual(expected);
    expect(mux.failures.map((f) => [f.reporter, f.hook, (f.error as Error).message])).toEqual([
      ['broken', 'onBegin', 'onBegin broke'],
      ['broken', 'onRetry', 'onRetry broke'],
      ['broken', 'onResult', 'onResult broke'],
      ['broken', 'onError', 'onError broke'],
      ['broken', 'onEnd', 'onEnd broke'],
    ]);
  });

  it('end() ends a run that never reached onEnd with the results so far, in plan order, once', async () => {
    const { plan, results } = sampleRun();
    const a = recording();
    const mux = multiplexReporters([{ name: 'a', reporter: a.reporter }]);
    await mux.onBegin(plan);
    await mux.onResult(results[2]);
    await mux.onResult(results[0]);
    await mux.end(99);
    await mux.end(100);
    // A call still in flight when the run stopped lands after the end: it is dropped.
    await mux.onResult(results[1]);
    await mux.onEnd({ results, passed: 2, failed: 1, flaky: 0, durationMs: 1 });
    expect(a.seen).toEqual(['onBegin', 'onResult', 'onResult', 'onEnd:consumer-b,outsider-c']);
  });

  it("end() after the run's own onEnd does nothing", async () => {
    const { plan, summary } = sampleRun();
    const a = recording();
    const mux = multiplexReporters([{ name: 'a', reporter: a.reporter }]);
    await mux.onBegin(plan);
    await mux.onEnd(summary);
    await mux.end(5);
    expect(a.seen.filter((s) => s.startsWith('onEnd'))).toHaveLength(1);
  });
});
