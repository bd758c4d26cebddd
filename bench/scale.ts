/**
 * Wall time and peak memory of the `scenario` command at 1,000, 10,000 and 100,000 calls (set
 * SCALE_SIZES=1000,10000 to choose), each size in a child process of its own (bench/support/scaleRun.ts)
 * so that its peak RSS is its own: every reporter on, the embedded world in the same process, as
 * `npm run scenario` runs. Goals: under 300 MB at 10,000 and at 100,000 calls (the run keeps its
 * results in a temporary file, not in memory), and time per call that does not grow with the number
 * of calls. Every report must hold every call.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fail, fmt } from './support/stats';

const SIZES = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ROOT = resolve(import.meta.dirname, '..');

interface SizeResult {
  calls: number;
  code: number;
  wallMs: number;
  maxRssMb: number;
  complete: boolean;
  sizes: Record<string, number>;
  stderr: string;
}

function runSize(calls: number): Promise<SizeResult> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/scaleRun.ts', String(calls)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        done(JSON.parse(out.trim().split('\n').pop()!));
      } catch {
        reject(new Error(`the ${calls}-call run exited ${code} without a result: ${out.slice(-500)}`));
      }
    });
  });
}

export default async function run(): Promise<void> {
  console.log(
    `scale bench: the scenario command with console, json, junit, github and html ` +
      `reporters, concurrency 16, a child process per size`,
  );
  const results: SizeResult[] = [];
  for (const calls of SIZES) {
    const r = await runSize(calls);
    results.push(r);
    const mb = (n: number) => `${fmt(n / 1e6, 1)} MB`;
    console.log(
      `  ${fmt(calls).padStart(7)} calls: ${fmt(r.wallMs / 1000, 1)} s, ` +
        `${fmt((r.wallMs / calls) * 1000)} µs per call, peak RSS ` +
        `${fmt(r.maxRssMb)} MB; reports json ${mb(r.sizes.json)}, junit ` +
        `${mb(r.sizes.junit)}, github ${mb(r.sizes.github)}, html ${mb(r.sizes.html)}, console ` +
        `${mb(r.sizes.console)}; ` +
        `${r.complete ? 'every report holds every call' : `INCOMPLETE (exit ${r.code}) ${r.stderr}`}`,
    );
  }
  const per = results.map((r) => r.wallMs / r.calls);
  const peakAt = (calls: number) => {
    const r = results.find((x) => x.calls === calls);
    return r ? `${fmt(r.maxRssMb)} MB (goal < 300: ${r.maxRssMb < 300 ? 'met' : 'NOT met'})` : 'not measured';
  };
  console.log(
    `  time per call, largest size / smallest: ${(per[per.length - 1]! / per[0]!).toFixed(2)}; ` +
      `peak RSS at 10,000: ${peakAt(10_000)}; at 100,000: ${peakAt(100_000)}`,
  );
  if (results.some((r) => !r.complete)) fail('scale', 'a report missed calls or the run failed');
}
