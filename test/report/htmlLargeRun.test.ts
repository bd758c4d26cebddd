import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../harness/cli/parseCliArgs';
import { callId, type ReportDoc } from '../../harness/report/reportData';
import { renderHtmlReport } from '../../harness/report/renderHtmlReport';
import { createResultLog } from '../../harness/report/createResultLog';
import { htmlReporter } from '../../harness/reporters/htmlReporter';
import { callResult, planOf, plannedCall, summaryOf } from '../reporters/results';
import { runInProcess } from '../support/runInProcess';
import { generatedReport, kindOf } from './largeRun';

const TOTAL = 5000;

/** What the page holds, read back from its HTML: rows, chips, the matrix's counts, the data, the count boxes. */
function readPage(html: string) {
  const rowIds = [...html.matchAll(/<tr id="call-(\d+)" /g)].map((m) => Number(m[1]));
  const chipIds = [...html.matchAll(/<a class="chip [^"]*" href="#call-(\d+)"/g)].map((m) => Number(m[1]));
  const notShown = [...html.matchAll(/\+ ([\d,]+) passed not shown/g)].map((m) => Number(m[1].replace(/,/g, '')));
  const json = html.match(/<script type="application\/json" id="report-data">([^<]*)<\/script>/)![1];
  const count = (id: string) => Number(html.match(new RegExp(`id="count-${id}"><b>(\\d+)</b>`))![1]);
  const counts = { total: count('total'), passed: count('passed'), failed: count('failed'), flaky: count('flaky') };
  return { rowIds, chipIds, notShown, data: JSON.parse(json), counts, disagrees: count('disagrees') };
}

/** The calls of the generated run the page must show with `maxPassed`, worked out from the run itself. */
function expectedShown(doc: ReportDoc, maxPassed: number): number[] {
  const always = (i: number) => kindOf(i) !== 'passed';
  const plain = doc.results.map((_, i) => i).filter((i) => !always(i));
  const shownPlain = new Set(plain.slice(0, maxPassed));
  return doc.results.map((_, i) => i).filter((i) => always(i) || shownPlain.has(i));
}

describe('the HTML page of a large run', () => {
  const doc = generatedReport(TOTAL);
  const kinds = doc.results.map((_, i) => kindOf(i));
  const howMany = (k: string) => kinds.filter((x) => x === k).length;

  it('shows every failed, flaky and disagreeing call and 1,000 other passed calls; counts every call', () => {
    // The generated run: mostly passed, some of each other kind.
    expect([howMany('failed'), howMany('flaky'), howMany('disagrees')]).toEqual([100, 51, 38]);
    const html = renderHtmlReport(doc);
    const page = readPage(html);
    const shown = expectedShown(doc, 1000);
    expect(shown).toHaveLength(1000 + 100 + 51 + 38);
    expect(page.rowIds).toEqual(shown);
    expect(page.chipIds.sort((a, b) => a - b)).toEqual(shown);
    for (const i of kinds.flatMap((k, i) => (k === 'passed' ? [] : [i]))) expect(page.rowIds).toContain(i);
    // The counts are the JSON report's; the matrix counts every call: chips and the passed calls not shown.
    expect(page.counts).toEqual(doc.summary);
    expect(page.counts).toEqual({ total: 5000, passed: 4849, failed: 100, flaky: 51 });
    expect(page.disagrees).toBe(38 + 100);
    expect(page.chipIds.length + page.notShown.reduce((a, b) => a + b, 0)).toBe(TOTAL);
    // Plainly said, with exact numbers: the passed calls shown include the 38 that disagree with check.
    const passedShown = 1000 + 38;
    expect(html).toContain(`<b>${passedShown.toLocaleString('en-US')} of 4,849 passed calls shown;\nthe JSON report`);
    expect(html).toContain('the JSON report has all of them.</b>');
    expect(html).toContain(`<b id="visible-count">${shown.length}</b> of ${shown.length} calls shown (3,811 passed`);
    // The data: the calls shown, the report's summary, what was left out; each list of ids cut to 1,000.
    expect(page.data.report.summary).toEqual(doc.summary);
    expect(page.data.report.results.map((r: { name: string }) => r.name)).toEqual(shown.map((i) => `call-${i}`));
    expect(page.data.omitted).toEqual({ passedCalls: 4849 - passedShown, maxPassed: 1000 });
    const statement = page.data.report.coverage.statements[0];
    expect(statement.decided).toEqual(doc.coverage!.statements[0].decided.slice(0, 1000));
    expect(statement.counts).toEqual({ decided: 5000, notApplied: 0 });
    expect(statement.conditions[0].matched).toHaveLength(1000);
    // The coverage table: the exact count, 1,000 ids and how many more.
    expect(html).toContain('<td class="count">5000</td>');
    expect(html).toContain(`${callId(doc.results[999])} <span class="omitted">and 4,000 more</span>`);
    expect(html).not.toContain(callId(doc.results[1000]).concat(','));
    expect(html.length).toBeLessThan(TOTAL * 1500);
  });

  it('with a limit of 0 shows only the calls that must be shown; with one above the run, every call', () => {
    const none = readPage(renderHtmlReport(doc, { maxPassed: 0 }));
    expect(none.rowIds).toEqual(expectedShown(doc, 0));
    expect(none.rowIds).toHaveLength(189);
    const smaller = generatedReport(1500);
    const all = renderHtmlReport(smaller, { maxPassed: 1500 });
    expect(readPage(all).rowIds).toHaveLength(1500);
    expect(all).not.toContain('passed not shown');
    expect(all).not.toContain('id="omitted"');
    expect(all).not.toContain('"omitted"');
    // A page under every limit is the page as it was: the same bytes whatever the limit above it.
    const small = generatedReport(300);
    small.coverage = undefined;
    expect(renderHtmlReport(small, { maxPassed: 300 })).toBe(renderHtmlReport(small, { maxPassed: 1_000_000 }));
  });

  it('new calls since a previous run are capped as others are; changed ones are always shown', () => {
    const previous = generatedReport(200);
    previous.results[150] = { ...previous.results[150], status: 'failed' };
    const html = renderHtmlReport(doc, { previous, maxPassed: 10 });
    const page = readPage(html);
    expect(page.rowIds).toContain(150);
    expect(html).toContain('1 changed, 4800 new, 0 removed, 199 unchanged.');
    expect(html).toContain('<li class="omitted">and 4,790 more</li>');
    expect(page.data.comparison.added).toHaveLength(10);
    expect(page.data.comparison.counts).toEqual({ added: 4800, removed: 0 });
    expect(html).toContain('or changed since the previous run, is shown');
  });

  it('takes its limit from --html-max-passed (scenario and report commands); a bad one is a usage error', async () => {
    expect(parseCliArgs(['--all']).htmlMaxPassed).toBe(1000);
    expect(parseCliArgs(['--all', '--html-max-passed', '25']).htmlMaxPassed).toBe(25);
    expect(() => parseCliArgs(['--all', '--html-max-passed', '-1'])).toThrow(
      '--html-max-passed must be a whole number from 0 (passed calls the page shows), got -1',
    );
    const bad = await runInProcess('report.ts', ['html', 'run.json', '--html-max-passed', '1e3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--html-max-passed must be a whole number from 0');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('the html reporter of a run cuts its page at its maxPassed, reading the run from its result log', async () => {
    const ok = { kind: 'allowed', status: 200, body: 'ok' } as const;
    const all = [0, 1, 2, 3, 4].map((i) => {
      const call = plannedCall('s', `call-${i}`, 'consumer-b', { kind: 'allow', status: 200 });
      return callResult(
        call,
        i === 3 ? { kind: 'unreachable', code: 'ECONNREFUSED', message: 'refused' } : ok,
        i === 3 ? 'failed' : 'passed',
      );
    });
    const plan = planOf(all);
    const log = createResultLog(plan);
    try {
      for (const [i, r] of all.entries()) log.add(i, r);
      const pieces: string[] = [];
      const reporter = htmlReporter({ write: (text: string) => pieces.push(text) }, { stdio: false, maxPassed: 2 });
      await reporter.onBegin?.(plan);
      await reporter.onEnd?.({ ...summaryOf(all), results: log.results });
      const page = readPage(pieces.join(''));
      expect(page.rowIds).toEqual([0, 1, 3]);
      expect(page.counts).toEqual({ total: 5, passed: 4, failed: 1, flaky: 0 });
      expect(pieces.join('')).toContain('<b>2 of 4 passed calls shown;');
      expect(page.data.omitted).toEqual({ passedCalls: 2, maxPassed: 2 });
    } finally {
      log.dispose();
    }
  });
});
