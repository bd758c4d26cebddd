/**
 * One size of the scale benchmark, in a process of its own: `node --import tsx bench/support/scaleRun.ts <calls>`.
 * Runs the `scenario` command in-process against the embedded demo world with every reporter
 * (console to a null stream; json, junit, github and html to temporary files), half the calls allowed
 * (consumer-b) and half denied by the network (outsider-c), then prints one JSON line: wall time of
 * the command, this process's peak RSS, and whether every report holds every call (the HTML page: every
 * call counted, the first DEFAULT_MAX_PASSED passed calls shown, and a notice saying how many when it cut).
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { formatCount } from '../../harness/report/labels';
import { DEFAULT_MAX_PASSED } from '../../harness/report/selectShownCalls';

const calls = Number(process.argv[2]);
const concurrency = process.argv[3] ?? '16';
const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-scale-'));
const harness = JSON.stringify(resolve(import.meta.dirname, '../../harness/index.ts'));
writeFileSync(
  join(dir, 'scale.ts'),
  `import { defineScenario } from ${harness};
const n = ${calls};
export default defineScenario({ service: 'parking', calls: Array.from({ length: n }, (_, i) => i % 2 === 0
  ? { caller: 'consumer-b', name: 'call ' + i, expect: { allow: { status: 200, body: '"Lattice Success!"' } } }
  : { caller: 'outsider-c', name: 'call ' + i, expect: { deny: 'network' } }) });
`,
);
const file = (name: string) => join(dir, name);
let consoleBytes = 0;
let stderr = '';
const started = performance.now();
const code = await runScenarioCli(
  [
    'scale',
    '--dir',
    dir,
    '--concurrency',
    concurrency,
    '--reporter',
    'console',
    '--reporter',
    `json=${file('r.json')}`,
    '--reporter',
    `junit=${file('junit.xml')}`,
    '--reporter',
    `github=${file('summary.md')}`,
    '--reporter',
    `html=${file('r.html')}`,
  ],
  {
    stdout: { write: (t: string) => (consoleBytes += t.length) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
  },
  { startLocalWorld: (spec) => startLocalWorld({ spec }) },
);
const wallMs = performance.now() - started;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
// The JSON report is read line by line (at 100,000 calls it is near 500 MB: parsing it whole would
// take several times that): its summary's counts, and one record opening at the records' indent per call.
const report = { summary: { passed: -1 }, results: { length: 0 } };
for await (const line of createInterface({ input: createReadStream(file('r.json')) })) {
  if (line === '    {') report.results.length++;
  else if (report.summary.passed < 0 && line.startsWith('    "passed": '))
    report.summary.passed = Number(line.slice(14, -1));
}
const junitCases = (readFileSync(file('junit.xml'), 'utf8').match(/<testcase /g) ?? []).length;
// The HTML page's data is one line (near 1 GB at 100,000 calls): it is scanned in chunks, not read whole.
const HTML_MARKS = { rows: '<tr id="call-', chips: '<a class="chip ', records: '{"scenario":' };
const html = { rows: 0, chips: 0, records: 0, passed: -1, notice: false };
const shown = Math.min(calls, DEFAULT_MAX_PASSED);
const NOTICE = `${formatCount(shown)} of ${formatCount(calls)} passed calls shown;`;
// A mark is counted in the text where it starts before the last KEPT characters; those are kept for the next chunk
// (longer than any mark and the notice).
const KEPT = 64;
const countMarks = (text: string, end: number) => {
  for (const [key, mark] of Object.entries(HTML_MARKS) as [keyof typeof HTML_MARKS, string][]) {
    for (let at = text.indexOf(mark); at >= 0 && at < end; at = text.indexOf(mark, at + 1)) html[key]++;
  }
};
let kept = '';
for await (const chunk of createReadStream(file('r.html'), { encoding: 'latin1' })) {
  const text = kept + chunk;
  countMarks(text, text.length - KEPT);
  html.notice ||= text.includes(NOTICE);
  if (html.passed < 0) {
    const passed = /id="count-passed"><b>(\d+)<\/b>/.exec(text);
    if (passed) html.passed = Number(passed[1]);
  }
  kept = text.slice(-KEPT);
}
countMarks(kept, kept.length);
const sizes = {
  json: statSync(file('r.json')).size,
  junit: statSync(file('junit.xml')).size,
  github: statSync(file('summary.md')).size,
  html: statSync(file('r.html')).size,
  console: consoleBytes,
};
const complete =
  code === 0 &&
  report.summary.passed === calls &&
  report.results.length === calls &&
  junitCases === calls &&
  html.passed === calls &&
  html.rows === shown &&
  html.chips === shown &&
  html.records === shown &&
  html.notice === calls > shown;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ calls, code, wallMs, maxRssMb, complete, sizes, stderr: stderr.slice(0, 500) })}\n`,
);
