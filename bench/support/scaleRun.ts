/**
 * One size of the scale benchmark, in a process of its own: `node --import tsx bench/support/scaleRun.ts <calls>`.
 * Runs the `scenario` command in-process against the embedded demo world with every reporter
 * (console to a null stream; json, junit and github to temporary files), half the calls allowed
 * (consumer-b) and half denied by the network (outsider-c), then prints one JSON line: wall time of
 * the command, this process's peak RSS, and whether every report holds every call.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';

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
const sizes = {
  json: statSync(file('r.json')).size,
  junit: statSync(file('junit.xml')).size,
  github: statSync(file('summary.md')).size,
  console: consoleBytes,
};
const complete =
  code === 0 && report.summary.passed === calls && report.results.length === calls && junitCases === calls;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ calls, code, wallMs, maxRssMb, complete, sizes, stderr: stderr.slice(0, 500) })}\n`,
);
