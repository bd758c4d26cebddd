import { describe, expect, it } from 'vitest';
import { escapeHtml as h } from '../../harness/report/escapeHtml';
import type { ReportResult } from '../../harness/report/reportData';
import { type PageCall, renderChip } from '../../harness/report/renderCalls';
import { renderMatrix, surveyMatrix } from '../../harness/report/renderMatrix';

/**
 * The matrix as the page rendered it when it held every call: a cell's chips are the calls of its
 * caller and column, filtered from all of them (kept here as the expectation).
 */
function matrixFromAllCalls(calls: PageCall[]): string {
  const requests = new Map<string, Set<string>>();
  for (const { r } of calls) {
    const set = requests.get(r.service) ?? new Set<string>();
    set.add(`${r.request.method} ${r.request.path}`);
    requests.set(r.service, set);
  }
  const varies = (service: string) => (requests.get(service)?.size ?? 0) > 1;
  const column = (r: ReportResult) =>
    varies(r.service) ? `${r.service} ${r.request.method} ${r.request.path}` : r.service;
  const callers = [...new Set(calls.map((c) => c.r.caller))];
  const columns = [...new Set(calls.map((c) => column(c.r)))];
  const head = columns.map((col) => `<th scope="col">${h(col)}</th>`).join('');
  const rows = callers.map((caller) => {
    const cells = columns.map((col) => {
      const here = calls.filter((c) => c.r.caller === caller && column(c.r) === col);
      return `<td>${here.map(renderChip).join('')}</td>`;
    });
    return `<tr><th scope="row">${h(caller)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix"><thead><tr><th>caller \\ service</th>${head}</tr></thead>
    <tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * `count` calls of 6 callers to 4 services (one called with several requests), in a scrambled order;
 * one caller calls only parking.
 */
function callsOf(count: number): PageCall[] {
  return Array.from({ length: count }, (_, n) => {
    const k = (n * 7919) % 113;
    const service = ['parking', 'echo', 'billing', 'b\u202eill "x"'][k % 4];
    const r = {
      scenario: `s${k % 3}`,
      name: `call ${n}`,
      caller: n % 7 === 0 && k % 4 === 0 ? 'lonely' : `caller-${(k * 31) % 5}`,
      service,
      request: { method: k % 2 === 0 ? 'POST' : 'GET', path: service === 'echo' ? `/e/${k % 3}` : '/' },
      expected: { kind: 'allow' },
      observed: { kind: 'allowed', status: 200, body: 'ok' },
      passed: k % 9 !== 0,
      status: k % 9 === 0 ? 'failed' : 'passed',
      attempts: 1,
      retried: [],
      durationMs: 3,
      ...(k % 11 === 0 && { matchesPrediction: false }),
    } as ReportResult;
    return { n, r, changed: k % 13 === 0 };
  });
}

/** The calls as a page reads them: iterable again and again, each reading counted. */
function readable(calls: PageCall[]) {
  const reads = { count: 0 };
  const iterable: Iterable<PageCall> = {
    *[Symbol.iterator]() {
      reads.count++;
      yield* calls;
    },
  };
  return { iterable, reads };
}

function render(calls: PageCall[], heldChips?: number) {
  const survey = surveyMatrix();
  for (const c of calls) survey.add(c.r);
  const { iterable, reads } = readable(calls);
  const pieces: string[] = [];
  renderMatrix(survey.layout(), iterable, (text) => pieces.push(text), heldChips);
  return { html: pieces.join(''), reads: reads.count };
}

describe('renderMatrix', () => {
  const calls = callsOf(600);
  const expected = matrixFromAllCalls(calls);

  it('writes the matrix of all the calls held, cell by cell, however few chips it may hold at once', () => {
    expect(expected.match(/<tr>/g)).toHaveLength(1 + 6);
    // echo is called with several requests: a column for each.
    expect(expected).toContain('<th scope="col">echo GET /e/1</th>');
    expect(expected).not.toContain('<th scope="col">echo</th>');
    expect(expected).toContain('<th scope="col">b\\u202eill &quot;x&quot;</th>');
    for (const held of [0, 1, 7, 40, 150, 10_000]) expect(render(calls, held).html, `held ${held}`).toBe(expected);
  });

  it('reads the calls once when every chip fits, and again for each run of cells that fits', () => {
    expect(render(calls).reads).toBe(1);
    // Holding none: one reading per cell that has calls, and none for an empty cell.
    const filled = expected.match(/<td><a /g)!.length;
    expect(expected).toContain('<td></td>');
    expect(render(calls, 0).reads).toBe(filled);
    const some = render(calls, 150).reads;
    expect(some).toBeGreaterThan(1);
    expect(some).toBeLessThan(filled);
  });

  it('writes an empty matrix for no calls, without reading them', () => {
    expect(render([])).toEqual({ html: matrixFromAllCalls([]), reads: 0 });
  });
});
