/**
 * How long the commands take to start, against `node -e 0` on the same machine in the same rounds:
 * each contender is a process of its own, run to its end, its exit code and output checked. Wall time
 * and CPU time (user + sys of the process and its children, read with bash's `times`, which covers
 * npm and the processes it starts) are shown; on a loaded machine CPU time is the steadier figure.
 *
 * - `node dist/scenario.js in-org --dry-run`: loads the command, the scenario file and its world,
 *   resolves and prints the plan, calls nothing;
 * - `node dist/scenario.js in-org`: the same, then starts the embedded world, assumes the role,
 *   calls, judges and reports (`npm run scenario in-org` without npm);
 * - `node dist/check.js in-org`: predicts the scenario from the world as code;
 * - `npm run noop`: npm running a script that is `node -e 0` (a package of its own in a temporary
 *   folder): what npm costs before any command of ours starts;
 * - `npm run -s scenario in-org`: the two commands of the README.
 *
 * Goal: the commands start within 4× `node -e 0`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fail, fmt, median } from './support/stats';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = 7;
const GOAL = 4;

interface Contender {
  name: string;
  command: string;
  cwd: string;
  /** Text the output must hold: the command did its work, it did not just exit. */
  shows: string;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  problem?: string;
}

/** bash's `times` prints the shell's then its children's user and sys times: `0m0.123s 0m0.045s`. */
const TIMES = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/;

function runOnce(contender: Contender): Promise<Sample> {
  return new Promise((done) => {
    const started = performance.now();
    const script = `${contender.command} > "$OUT" 2>&1; code=$?; times >&2; exit $code`;
    const out = join(tmpdir(), `lattice-e2e-startup-${process.pid}.out`);
    const child = spawn('bash', ['-c', script], {
      cwd: contender.cwd,
      env: { ...process.env, OUT: out, AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let times = '';
    child.stderr.on('data', (d) => (times += d));
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const match = TIMES.exec(times.trim());
      const output = readFileSync(out, 'utf8');
      rmSync(out, { force: true });
      const cpuMs = match
        ? (Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) * 60 + Number(match[4])) * 1000
        : NaN;
      const problem =
        code !== 0
          ? `exit ${code}: ${output.slice(0, 300)}`
          : !output.includes(contender.shows)
            ? `no "${contender.shows}" in its output: ${output.slice(0, 300)}`
            : !match
              ? `no times: ${times.slice(0, 200)}`
              : undefined;
      done({ wallMs, cpuMs, problem });
    });
  });
}

export default async function run(): Promise<void> {
  // The bundles as `npm run` would find them: rebuilt first if a source is newer.
  const { buildIfStale } = await import(join(ROOT, 'scripts', 'build.mjs'));
  await buildIfStale();
  const noop = mkdtempSync(join(tmpdir(), 'lattice-e2e-npm-noop-'));
  writeFileSync(
    join(noop, 'package.json'),
    JSON.stringify({ name: 'noop', version: '1.0.0', private: true, scripts: { noop: 'node -e 0 && echo ran' } }),
  );
  const contenders: Contender[] = [
    { name: 'node -e 0', command: 'node -e "console.log(0)"', cwd: ROOT, shows: '0' },
    {
      name: 'node dist/scenario.js in-org --dry-run',
      command: 'node dist/scenario.js in-org --dry-run',
      cwd: ROOT,
      shows: 'dry run: nothing was called',
    },
    { name: 'node dist/scenario.js in-org', command: 'node dist/scenario.js in-org', cwd: ROOT, shows: '1 passed' },
    { name: 'node dist/check.js in-org', command: 'node dist/check.js in-org', cwd: ROOT, shows: 'AGREES    in-org' },
    { name: 'npm run noop (npm alone)', command: 'npm run -s noop', cwd: noop, shows: 'ran' },
    { name: 'npm run -s scenario in-org', command: 'npm run -s scenario in-org', cwd: ROOT, shows: '1 passed' },
  ];
  console.log(
    `startup bench: ${contenders.length} commands, each a process run to its end, ${ROUNDS} interleaved rounds`,
  );
  const samples = contenders.map(() => [] as Sample[]);
  let first: string | undefined;
  try {
    for (const contender of contenders) await runOnce(contender);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, contender] of contenders.entries()) {
        const sample = await runOnce(contender);
        if (sample.problem) first ??= `${contender.name}: ${sample.problem}`;
        samples[i]!.push(sample);
      }
    }
  } finally {
    rmSync(noop, { recursive: true, force: true });
  }
  const wall = samples.map((s) => median(s.map((x) => x.wallMs)));
  const cpu = samples.map((s) => median(s.map((x) => x.cpuMs)));
  for (const [i, contender] of contenders.entries()) {
    console.log(
      `  ${contender.name.padEnd(40)} ${fmt(wall[i]!).padStart(5)} ms wall (${(wall[i]! / wall[0]!).toFixed(1)}×), ` +
        `${fmt(cpu[i]!).padStart(5)} ms CPU (${(cpu[i]! / cpu[0]!).toFixed(1)}×)`,
    );
  }
  const bad = samples.flat().filter((s) => s.problem).length;
  console.log(`  runs that failed or did not show their work: ${bad} of ${ROUNDS * contenders.length}`);
  const ratio = wall[2]! / wall[0]!;
  const npmFloor = (wall[4]! / wall[0]!).toFixed(1);
  const throughNpm = (wall[5]! / wall[0]!).toFixed(1);
  console.log(`  npm run -s scenario in-org: ${throughNpm}× wall, of which npm alone ${npmFloor}×`);
  console.log(
    `  node dist/scenario.js in-org / node -e 0: ${ratio.toFixed(1)} wall, ${(cpu[2]! / cpu[0]!).toFixed(1)} CPU ` +
      `(goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`,
  );
  if (bad > 0) fail('startup', `some runs failed (first: ${first})`);
}
