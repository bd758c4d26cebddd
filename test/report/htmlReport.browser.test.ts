import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';
import { scenarioDir } from '../support/runCli';
import { runInProcess, scenarioInProcess } from '../support/runInProcess';
import { chromiumInstalled, launchChromium, CHROMIUM } from './browser';
import { generatedReport, kindOf } from './largeRun';

const IN_ORG = `import { defineScenario } from HARNESS;
export default defineScenario({
  service: 'parking', calls: [{ caller: 'consumer-b', expect: { allow: { status: 200 } } }],
});`;
const OUT_OF_ORG = `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [{ caller: 'outsider-c', expect: { deny: 'network' } }] });`;
// Wrong on purpose: the outsider is refused, so this call fails.
const OUTSIDER_ALLOWED = `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [{ caller: 'outsider-c', expect: { allow: true } }] });`;

const DENIAL =
  'AccessDeniedException: User: arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c' +
  ' is not authorized';
const ARTIFACTS = join(projectRoot, 'test-results');

// CI installs chromium (.ci/run); only a machine that has none skips, and says so.
const missing = !chromiumInstalled();
if (missing && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
}
const title = missing
  ? `the HTML report in a browser: SKIPPED, ${CHROMIUM} is not installed (apt-get install -y chromium)`
  : 'the HTML report in headless Chromium';

/** Opens a page from a file with every other request refused and recorded, and console errors recorded. */
async function open(context: BrowserContext, file: string) {
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, requests, errors };
}

const visibleRows = (page: Page) => page.locator('tr.call:visible').count();

describe.skipIf(missing)(title, () => {
  let context: BrowserContext;
  let dir: string;
  let report: { summary: Record<string, number>; results: { scenario: string; caller: string; status: string }[] };

  beforeAll(async () => {
    dir = scenarioDir({ 'in-org.ts': IN_ORG, 'out-of-org.ts': OUT_OF_ORG, 'outsider-allowed.ts': OUTSIDER_ALLOWED });
    const reporters = ['--reporter', `json=${dir}/run.json`, '--reporter', `html=${dir}/run.html`];
    const run = await scenarioInProcess(['--all', '--dir', dir, ...reporters]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    report = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    context = await launchChromium();
  }, 60_000);
  afterAll(async () => context?.close());

  it('loads with no console error and no request but the file; the counts are the JSON report’s', async () => {
    const { page, requests, errors } = await open(context, join(dir, 'run.html'));
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    const count = async (id: string) => Number(await page.locator(`#count-${id} b`).textContent());
    expect(report.summary).toMatchObject({ total: 3, passed: 2, failed: 1, flaky: 0 });
    expect(await count('total')).toBe(report.summary.total);
    expect(await count('passed')).toBe(report.summary.passed);
    expect(await count('failed')).toBe(report.summary.failed);
    expect(await count('flaky')).toBe(report.summary.flaky);
    expect(await visibleRows(page)).toBe(report.results.length);
    expect(await page.locator('a.chip').count()).toBe(report.results.length);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
  });

  it('the filters show only the calls they select (status, caller, scenario)', async () => {
    const { page } = await open(context, join(dir, 'run.html'));
    await page.selectOption('#filter-status', 'failed');
    expect(await visibleRows(page)).toBe(report.results.filter((r) => r.status === 'failed').length);
    expect(await page.locator('#visible-count').textContent()).toBe('1');
    expect(await page.locator('tr.call:visible td').nth(1).textContent()).toBe('outsider-allowed');
    expect(await page.locator('a.chip:visible').count()).toBe(1);
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-caller', 'outsider-c');
    expect(await visibleRows(page)).toBe(report.results.filter((r) => r.caller === 'outsider-c').length);
    await page.selectOption('#filter-scenario', 'in-org');
    expect(await visibleRows(page)).toBe(0);
    await page.selectOption('#filter-caller', '');
    expect(await visibleRows(page)).toBe(1);
  });

  it('a denial shows Lattice’s text and check’s explanation: the statement and condition that decided', async () => {
    const { page } = await open(context, join(dir, 'run.html'));
    // The failed call's chip in the matrix leads to its row, opened.
    await page.locator('a.chip.s-failed').click();
    const row = page.locator('tr.call.s-failed');
    const details = page.locator(`#${await row.getAttribute('id')}-details details`);
    await expect.poll(() => details.getAttribute('open')).not.toBeNull();
    // As a person reads it: the rendered text, laid out (textContent would keep the markup's whitespace).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    const text = await details.innerText();
    expect(text).toContain(DENIAL);
    expect(text).toContain('why it failed: expected the call to be allowed, observed denied');
    expect(text).toContain('check predicts denied: network');
    expect(text).toContain('network (AWS_IAM) service network guarded-network: denies (no statement allows)');
    expect(text).toContain('Statement[0] Allow: does not apply (condition)');
    expect(text).toMatch(/StringEquals aws:SourceOrgID: request value\s+\(absent\) vs policy "o-a1b2c3d4e5": no match/);
    expect(await row.locator('td').nth(8).textContent()).toBe('network');
  });

  it('report html --compare: the page says what changed since the previous run', async () => {
    const fixed = scenarioDir({ 'in-org.ts': IN_ORG, 'outsider-allowed.ts': OUT_OF_ORG });
    const second = await scenarioInProcess(['--all', '--dir', fixed, '--reporter', `json=${fixed}/run.json`]);
    expect(second.code).toBe(0);
    const out = join(fixed, 'compare.html');
    const args = ['html', join(fixed, 'run.json'), '--compare', join(dir, 'run.json'), '--out', out];
    const cli = await runInProcess('report.ts', args);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('1 changed, 0 new, 1 removed');
    expect(cli.stdout).toContain('CHANGED  outsider-allowed › outsider-c: status failed → passed');
    const { page, requests, errors } = await open(context, out);
    expect([requests, errors]).toEqual([[], []]);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    const comparison = await page.locator('#comparison').innerText();
    expect(comparison).toContain('1 changed, 0 new, 1 removed, 1 unchanged');
    expect(comparison).toContain('out-of-org › outsider-c: passed, denied: network');
    await page.selectOption('#filter-status', 'changed');
    expect(await visibleRows(page)).toBe(1);
  });

  it('a large run’s page cut to --html-max-passed loads, says so, and its filters work on what it shows', async () => {
    const big = generatedReport(1500);
    const json = join(dir, 'big.json');
    writeFileSync(json, JSON.stringify(big));
    const out = join(dir, 'big.html');
    const cli = await runInProcess('report.ts', ['html', json, '--html-max-passed', '50', '--out', out]);
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    const { page, requests, errors } = await open(context, out);
    expect([requests, errors]).toEqual([[], []]);
    const kinds = big.results.map((_, i) => kindOf(i));
    const howMany = (k: string) => kinds.filter((x) => x === k).length;
    const mustShow = kinds.length - howMany('passed');
    expect(await visibleRows(page)).toBe(50 + mustShow);
    const count = async (id: string) => Number(await page.locator(`#count-${id} b`).textContent());
    expect(await count('total')).toBe(1500);
    expect(await count('failed')).toBe(howMany('failed'));
    expect(await count('passed')).toBe(big.summary.passed);
    const passedShown = 50 + howMany('disagrees');
    const passed = big.summary.passed.toLocaleString('en-US');
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
    const notice = await page.locator('#omitted').innerText();
    expect(notice).toContain(`${passedShown} of ${passed} passed calls shown; the JSON report has all of them.`);
    await page.selectOption('#filter-status', 'failed');
    expect(await visibleRows(page)).toBe(howMany('failed'));
    expect(await page.locator('a.chip:visible').count()).toBe(howMany('failed'));
    await page.selectOption('#filter-status', 'passed');
    expect(await visibleRows(page)).toBe(passedShown);
    expect(await page.locator('#visible-count').textContent()).toBe(String(passedShown));
  });
});
