import { describe, expect, it } from 'vitest';
import { compareReports } from '../../harness/report/compareReports';
import type { ReportDoc, ReportResult } from '../../harness/report/reportData';
import { readReportDoc } from '../../harness/report/readReportDoc';
import { renderHtmlReport } from '../../harness/report/renderHtmlReport';
import { UserError } from '../../harness/errors';

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>\u001b[31m\u202e';

function result(over: Partial<ReportResult>): ReportResult {
  return {
    scenario: 's',
    name: 'consumer-b',
    caller: 'consumer-b',
    service: 'parking',
    request: { method: 'POST', path: '/' },
    expected: { kind: 'allow' },
    observed: { kind: 'allowed', status: 200, body: 'ok' },
    passed: true,
    status: 'passed',
    attempts: 1,
    retried: [],
    durationMs: 12,
    ...over,
  };
}

function doc(results: ReportResult[]): ReportDoc {
  const n = (s: string) => results.filter((r) => r.status === s).length;
  return {
    schemaVersion: 1,
    environment: 'local',
    startedAt: '2025-03-04T05:06:07.000Z',
    durationMs: 100,
    summary: { total: results.length, passed: n('passed'), failed: n('failed'), flaky: n('flaky') },
    results,
  };
}

describe('renderHtmlReport', () => {
  const hostile = result({
    name: 'hostile',
    status: 'failed',
    passed: false,
    observed: { kind: 'http-error', status: 502, body: HOSTILE },
    reason: 'expected the call to be allowed, observed http error 502',
  });
  const page = renderHtmlReport(doc([result({}), hostile]));

  it('a response can add no markup and no control character: escaped as text, and in the embedded JSON', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).not.toMatch(/[\u001b\u202e]/);
    expect(page).toContain(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;\\x1b[31m\\u202e',
    );
    // Exactly the two script elements of the page: the data and the filters.
    expect(page.match(/<script/g)).toHaveLength(2);
    const json = page.match(/<script type="application\/json" id="report-data">([^<]*)<\/script>/)![1]!;
    expect(JSON.parse(json).report.results[1].observed.body).toBe(HOSTILE);
  });

  it('a call whose outcome differs from check’s prediction stands out, and is counted', () => {
    const drift = result({
      name: 'drift',
      prediction: { kind: 'denied', layer: 'network', explicit: false, principal: 'p', resource: 'r', message: 'm' },
      matchesPrediction: false,
    });
    const html = renderHtmlReport(doc([result({}), drift]));
    expect(html).toMatch(/<div class="count-box disagrees" id="count-disagrees"><b>1<\/b>/);
    expect(html.match(/class="chip [^"]*m-disagrees/g)).toHaveLength(1);
    expect(html).toContain('<b>check predicts</b> denied: network <b class="bad">(observed differs)</b>');
  });

  it('fetches nothing: no URL to load in the page, and a policy that forbids any', () => {
    expect(page).not.toMatch(/\b(src|href)="(?!#)/);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
  });
});

describe('compareReports', () => {
  it('names calls whose status or outcome changed, new calls and removed calls', () => {
    const before = doc([
      result({ name: 'a' }),
      result({ name: 'b', status: 'failed', observed: { kind: 'unreachable', code: 'ETIMEDOUT', message: 't' } }),
      result({ name: 'gone' }),
    ]);
    const after = doc([result({ name: 'a' }), result({ name: 'b' }), result({ name: 'new' })]);
    const c = compareReports(before, after);
    expect(c.changed.map((x) => [x.id, x.what])).toEqual([
      ['s › b', ['status failed → passed', 'outcome unreachable ETIMEDOUT → allowed 200']],
    ]);
    expect(c.added.map((r) => r.name)).toEqual(['new']);
    expect(c.removed.map((r) => r.name)).toEqual(['gone']);
    expect(c.unchanged).toBe(1);
  });
});

describe('readReportDoc', () => {
  it('names the file and the field of a report it cannot read', () => {
    const bad = (text: string) => () => readReportDoc('reports/run.json', text);
    expect(bad('{')).toThrow(UserError);
    expect(bad('{"schemaVersion": 2, "results": []}')).toThrow('reports/run.json: schemaVersion must be 1');
    expect(bad('{"schemaVersion": 1, "summary": {}, "results": [{"scenario": "s"}]}')).toThrow(
      'reports/run.json: results[0].name must be a string',
    );
  });
});
