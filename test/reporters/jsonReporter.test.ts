import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../harness/reporters/jsonReporter';
import { callResult, plannedCall, planOf, sampleRun, sink, summaryOf } from './results';

const HOSTILE = 'a\x1b]0;pwned\x07\r\nPASS\u202eexe\u009b2J\u2028\ud800\x7f"\\';
// Raw characters that act on a terminal that shows the file (`cat results.json`).
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]/;

describe('jsonReporter', () => {
  it('a hostile body stays exactly the same data, and the file holds no raw control or bidi character', async () => {
    const call = plannedCall('s', `c${HOSTILE}`, 'outsider-c', { kind: 'allow' });
    const results = [callResult(call, { kind: 'http-error', status: 500, body: HOSTILE }, 'failed')];
    const out = sink();
    const reporter = jsonReporter(out);
    await reporter.onBegin?.(planOf(results));
    await reporter.onEnd?.(summaryOf(results));
    expect(out.text).not.toMatch(ACTIVE);
    const doc = JSON.parse(out.text);
    expect(doc.results[0].observed.body).toBe(HOSTILE);
    expect(doc.results[0].name).toBe(`c${HOSTILE}`);
  });

  it('a run stopped by an error still writes its document, with the error and the planned count', async () => {
    const { plan, results } = sampleRun();
    const out = sink();
    const reporter = jsonReporter(out);
    await reporter.onBegin?.(plan);
    await reporter.onError?.({ message: 'TypeError: boom' });
    await reporter.onEnd?.(summaryOf(results.slice(0, 1)));
    const doc = JSON.parse(out.text);
    expect(doc.errors).toEqual([{ message: 'TypeError: boom' }]);
    expect(doc.planned).toBe(3);
    expect(doc.summary).toEqual({ total: 1, passed: 1, failed: 0, flaky: 0 });
  });

  it('writes record by record the text one JSON.stringify of the whole document gives', async () => {
    for (const count of [0, 1, 3]) {
      const { plan, results } = sampleRun();
      const pieces: string[] = [];
      const reporter = jsonReporter({ write: (t: string) => pieces.push(t) });
      await reporter.onBegin?.(plan);
      await reporter.onEnd?.(summaryOf(results.slice(0, count)));
      const text = pieces.join('');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(JSON.parse(text).results).toHaveLength(count);
      // No piece holds more than one record: the document is never one string in memory.
      expect(pieces.filter((p) => p.includes('"scenario"')).every((p) => p.split('"scenario"').length === 2)).toBe(
        true,
      );
    }
  });

  it('prints to stdio only when writing to standard output', () => {
    expect(jsonReporter(sink()).printsToStdio?.()).toBe(false);
    expect(jsonReporter(sink(), { stdio: true }).printsToStdio?.()).toBe('document');
  });
});
