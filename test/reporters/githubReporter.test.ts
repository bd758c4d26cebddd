import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  escapeCommandData,
  escapeCommandProperty,
  escapeTableCell,
  githubReporter,
} from '../../harness/reporters/githubReporter';
import type { Plan } from '../../harness/resolve/types';
import { joinPatterns } from '../support/joinPatterns';
import type { RunSummary } from '../../harness/run/runPlan';
import { callResult, NETWORK_DENIAL, plannedCall, planOf, sampleRun, sink, summaryOf } from './results';

const summaryFile = (initial?: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-summary-')), 'step-summary.md');
  if (initial !== undefined) writeFileSync(file, initial);
  return file;
};

async function run(plan: Plan, summary: RunSummary, options: { summaryFile?: string; scenarioDir?: string } = {}) {
  const annotations = sink();
  const reporter = githubReporter({ annotations, ...options });
  await reporter.onBegin?.(plan);
  for (const r of summary.results) await reporter.onResult?.(r);
  await reporter.onEnd?.(summary);
  return annotations.text;
}

/** The table rows of a Markdown summary, split into cells on unescaped pipes. */
const tableRows = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /));

describe('githubReporter: the step summary', () => {
  it('appends a table with a row per call, then the failures in detail, and never truncates the file', async () => {
    const { plan, summary } = sampleRun();
    const file = summaryFile('# Earlier step\n\nkept\n');
    await run(plan, summary, { summaryFile: file });
    await run(plan, summary, { summaryFile: file });
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.startsWith('# Earlier step\n\nkept\n## lattice-e2e against `local`: 1 expectation failed\n')).toBe(
      true,
    );
    expect(markdown.match(/## lattice-e2e against/g)).toHaveLength(2);
    const [first] = markdown.split('# Earlier step\n\nkept\n')[1].split(/(?=## lattice-e2e)/);
    expect(first).toContain('**1 passed, 1 failed, 1 flaky** (3 calls, 1.2 s)');
    expect(tableRows(first)).toEqual([
      ['Scenario', 'Call', 'Caller', 'Expected', 'Observed', 'Result', 'Attempts / time'],
      [
        'in-org',
        'consumer-b',
        'consumer-b',
        'allow 200',
        'allowed 200 "Lattice Success!"',
        '✅ passed',
        '1 attempt, 12 ms',
      ],
      [
        'in-org',
        'after-retry',
        'consumer-b',
        'allow',
        'allowed 200 "Lattice Success!"',
        '⚠️ flaky',
        '3 attempts, 2500 ms',
      ],
      ['out-of-org', 'outsider-c', 'outsider-c', 'allow', 'denied by network', '❌ failed', '1 attempt, 40 ms'],
    ]);
    expect(first).toContain(
      '### Failures\n\n#### ❌ out-of-org › outsider-c (outsider-c)\n\n- ' +
        '**Expected:** allow\n- **Observed:** denied by network\n',
    );
    expect(first).toContain(`\n\`\`\`text\n${NETWORK_DENIAL}\n\`\`\`\n`);
  });

  it('keeps each row on one line and each cell whole: pipes, newlines, markup and HTML are escaped', async () => {
    const call = plannedCall('pipes|and\nlines', 'a|b', 'outsider-c', { kind: 'allow', bodyIncludes: 'x|y' });
    const results = [
      callResult(call, { kind: 'http-error', status: 502, body: 'bad | gateway\r\n<b>*bold*</b> `code`' }, 'failed'),
    ];
    const file = summaryFile();
    await run(planOf(results), summaryOf(results), { summaryFile: file });
    const markdown = readFileSync(file, 'utf8');
    const rows = tableRows(markdown);
    expect(rows[1]).toEqual([
      'pipes\\|and<br>lines',
      'a\\|b',
      'outsider-c',
      'allow …x\\|y…',
      'http error 502 bad \\| gateway<br>&lt;b&gt;\\*bold\\*&lt;/b&gt; \\`code\\`',
      '❌ failed',
      '1 attempt, 12 ms',
    ]);
    // The response itself is shown verbatim in a code block.
    expect(markdown).toContain('```text\nbad | gateway\r\n<b>*bold*</b> `code`\n```');
  });

  it('shows the time to consistency of a call run until consistent', async () => {
    const results = [
      callResult(
        plannedCall('after-change', 'consumer-b', 'consumer-b', { kind: 'allow' }),
        { kind: 'allowed', status: 200, body: 'ok' },
        'passed',
        { attempts: 4, consistentAfterMs: 41_500 },
      ),
    ];
    const file = summaryFile();
    await run(planOf(results), summaryOf(results), { summaryFile: file });
    expect(tableRows(readFileSync(file, 'utf8'))[1].at(-1)).toBe('4 attempts, consistent after 41.5 s');
  });

  it('fences a response that contains backticks with a longer fence', () => {
    expect(codeBlock('a ``` b')).toBe('````text\na ``` b\n````');
    expect(codeBlock('plain')).toBe('```text\nplain\n```');
  });

  it('clips long cells and long responses', async () => {
    const body = 'y'.repeat(50_000);
    const results = [
      callResult(
        plannedCall('s', 'c', 'outsider-c', { kind: 'deny', layer: 'network' }),
        { kind: 'allowed', status: 200, body },
        'failed',
      ),
    ];
    const file = summaryFile();
    await run(planOf(results), summaryOf(results), { summaryFile: file });
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.length).toBeLessThan(6000);
    // The observed cell (`allowed 200 yyy…`) and the response in its code block.
    expect(markdown).toMatch(/\| allowed 200 y{188}… \(clipped: 50012 chars in all\) \|/);
    expect(markdown).toMatch(/\n```text\ny{4000}… \(clipped: 50000 chars in all\)\n```\n/);
    expect(escapeTableCell('z'.repeat(500))).toHaveLength(200 + '… (clipped: 500 chars in all)'.length);
  });

  it('writes no summary without a summary file, and only annotations go to the stream', async () => {
    const { plan, summary } = sampleRun();
    const text = await run(plan, summary);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('::')),
    ).toBe(true);
  });
});

describe('githubReporter: workflow-command annotations', () => {
  it('writes one ::error per failed call and one ::warning per flaky call, nothing for passes', async () => {
    const { plan, summary } = sampleRun();
    const lines = (await run(plan, summary)).split('\n').filter(Boolean);
    expect(lines).toEqual([
      '::warning title=in-org › after-retry (consumer-b)::passed after 3 attempts; retried: unreachable, http-error',
      expect.stringMatching(
        joinPatterns([
          /^::error title=out-of-org › outsider-c \(outsider-c\)::expected allow, observed denied by network/,
          /%0Awhy: .*%0Aresponse: AccessDeniedException: User: arn:aws:sts::444444444444:/,
        ]),
      ),
    ]);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  });

  it('points annotations at the scenario file when the scenarios folder is known', async () => {
    const { plan, summary } = sampleRun();
    const lines = (await run(plan, summary, { scenarioDir: 'scenarios/' })).split('\n').filter(Boolean);
    expect(lines[1]).toMatch(/^::error file=scenarios\/out-of-org\.ts,title=out-of-org › outsider-c \(outsider-c\)::/);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties, as GitHub documents', async () => {
    expect(escapeCommandData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeCommandProperty('t: 100%, x\ny')).toBe('t%3A 100%25%2C x%0Ay');
    const call = plannedCall('s', 'name: with, commas 50%', 'outsider-c', { kind: 'allow' });
    const results = [callResult(call, { kind: 'http-error', status: 500, body: 'line 1\r\nline 2 at 100%' }, 'failed')];
    const [line] = (await run(planOf(results), summaryOf(results))).split('\n').filter(Boolean);
    expect(
      line.startsWith(
        '::error title=s › name%3A with%2C commas 50%25 (outsider-c)::expected ' +
          'allow, observed http error 500 line 1%0D%0Aline 2 at 100%25%0A',
      ),
    ).toBe(true);
    expect(line.endsWith('response: line 1%0D%0Aline 2 at 100%25')).toBe(true);
  });
});

describe('githubReporter: hostile responses', () => {
  // ESC sequences (GitHub's log viewer renders ANSI), a lone CR, a bidi override, a C1 CSI.
  const HOSTILE = 'ok\x1b[32m✅ passed\x1b[0m\rPASS\u202eexe\u009b2J\n::error::fake\x07';
  const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\r(?!\n)/;

  it('annotations and the summary show every control character escaped, none raw', async () => {
    const call = plannedCall('s', `c${HOSTILE}`, 'outsider-c', { kind: 'allow' });
    const results = [
      callResult(call, { kind: 'http-error', status: 500, body: HOSTILE }, 'failed', {
        verdict: { passed: false, reason: `why ${HOSTILE}` },
      }),
      callResult(call, { kind: 'allowed', status: 200, body: HOSTILE }, 'flaky', {
        attempts: 2,
        retried: ['http-error'],
      }),
    ];
    const file = summaryFile();
    const annotations = await run(planOf(results), summaryOf(results), { summaryFile: file });
    const markdown = readFileSync(file, 'utf8');
    expect(annotations).not.toMatch(ACTIVE);
    expect(markdown).not.toMatch(ACTIVE);
    const lines = annotations.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('response: ok\\x1b[32m✅ passed\\x1b[0m\\rPASS\\u202eexe\\x9b2J%0A::error::fake\\x07');
    expect(lines[0]).toContain('title=s › cok\\x1b[32m✅ passed\\x1b[0m\\rPASS\\u202eexe\\x9b2J\\n');
    const shown = 'ok\\x1b[32m✅ passed\\x1b[0m\\rPASS\\u202eexe\\x9b2J\n::error::fake\\x07';
    expect(markdown).toContain(`\`\`\`text\n${shown}\n\`\`\``);
  });

  it('a run stopped by an error: an ::error annotation and a headline that says so', async () => {
    const { plan, results } = sampleRun();
    const annotations = sink();
    const file = summaryFile();
    const reporter = githubReporter({ annotations, summaryFile: file });
    await reporter.onBegin?.(plan);
    await reporter.onResult?.(results[0]);
    await reporter.onError?.({ message: 'TypeError: boom\nat x' });
    await reporter.onEnd?.(summaryOf(results.slice(0, 1)));
    expect(annotations.text).toBe(
      '::error title=lattice-e2e::the run stopped on an internal error: TypeError: boom%0Aat x\n',
    );
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('## lattice-e2e against `local`: the run stopped on an internal error');
    expect(markdown).toContain('**Error:** TypeError: boom<br>at x (1 of 3 calls ran)');
  });

  it('fences a response with a hundred thousand runs of backticks', () => {
    const text = '`a'.repeat(200_000);
    expect(codeBlock(text).startsWith('```text\n`a`a')).toBe(true);
  });
});
