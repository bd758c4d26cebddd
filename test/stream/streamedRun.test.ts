import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { createResultLog } from '../../harness/report/createResultLog';
import { consoleReporter } from '../../harness/reporters/consoleReporter';
import { renderSummary } from '../../harness/reporters/githubReporter';
import { htmlReporter } from '../../harness/reporters/htmlReporter';
import { jsonReporter } from '../../harness/reporters/jsonReporter';
import { junitReporter } from '../../harness/reporters/junitReporter';
import type { Reporter } from '../../harness/reporters/Reporter';
import type { Plan, ResolvedEnvironment } from '../../harness/resolve/types';
import type { CallResult } from '../../harness/run/runCall';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan, type RunSummary } from '../../harness/run/runPlan';
import { sendRequest } from '../../harness/send/sendRequest';
import { ALLOW_SUCCESS, DENY_NETWORK, plannedCall } from '../runner/support';

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld();
  env = localEnvironment(local);
});
afterAll(() => local.close());

/** Every reporter's whole output for a summary, the clocks fixed. */
async function render(plan: Plan, summary: RunSummary): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const to = (name: string) => ({ write: (text: string) => void (out[name] = (out[name] ?? '') + text) });
  const clock = { now: () => new Date('2026-12-01T00:00:00Z') };
  const reporters: Record<string, Reporter> = {
    console: consoleReporter(to('console'), false, { stdio: false, explainHint: (names) => names.join(' ') }),
    json: jsonReporter(to('json'), { stdio: false }),
    junit: junitReporter(to('junit'), { stdio: false, clock }),
    html: htmlReporter(to('html'), { stdio: false }),
  };
  for (const reporter of Object.values(reporters)) {
    await reporter.onBegin?.(plan);
    await reporter.onEnd?.(summary);
  }
  out.github = renderSummary(plan, summary, { maxResponseChars: 4000, maxDetails: 50 });
  // The JSON and HTML documents say when their reporter was made.
  for (const name of ['json', 'html']) out[name] = out[name].replace(/20\d\d-\d\d-\d\dT[\d:.]+Z/g, '<time>');
  return out;
}

describe('a run whose results are kept in a result log', () => {
  it('hands every reporter the results in plan order, byte for byte, though they landed otherwise', async () => {
    const calls = [0, 1, 2, 3, 4, 5].map((n) =>
      n % 2 === 0
        ? plannedCall(env, 'consumer-b', ALLOW_SUCCESS, n)
        : // One expectation that fails: the failure's details are in every report.
          plannedCall(env, 'outsider-c', n === 3 ? ALLOW_SUCCESS : DENY_NETWORK, n),
    );
    const plan: Plan = { environment: env, calls };
    const landed: CallResult[] = [];
    // The first request sent waits until every other call has landed: its call lands last.
    let release!: () => void;
    const othersLanded = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const log = createResultLog(plan);
    let seenAtEnd: string[] = [];
    try {
      const summary = await runPlan(plan, {
        reporter: {
          onResult: (r) => {
            landed.push(r);
            if (landed.length === calls.length - 1) release();
          },
          onEnd: (s) => void (seenAtEnd = Array.from(s.results, (r) => r.call.name)),
        },
        redactor: new Redactor(),
        credentials: createCredentialSource(env),
        concurrency: 3,
        results: log,
        send: async (req, options) => {
          if (!held) {
            held = true;
            await othersLanded;
          }
          return sendRequest(req, options);
        },
      });
      expect(landed.map((r) => r.call)).not.toEqual(calls);
      expect(summary.results).toBe(log.results);
      expect(Array.isArray(summary.results)).toBe(false);
      expect(seenAtEnd).toEqual(calls.map((c) => c.name));
      expect([summary.passed, summary.failed, summary.flaky]).toEqual([5, 1, 0]);
      // The same run with its results in memory, in plan order: every report is the same text.
      const inMemory = [...landed].sort((a, b) => calls.indexOf(a.call) - calls.indexOf(b.call));
      const expected = await render(plan, { ...summary, results: inMemory });
      const streamed = await render(plan, summary);
      expect(Object.keys(streamed)).toEqual(['console', 'json', 'junit', 'html', 'github']);
      for (const name of Object.keys(expected)) expect(streamed[name], name).toBe(expected[name]);
      expect(streamed.json).toContain('not authorized to perform: vpc-lattice-svcs:Invoke');
      expect(streamed.junit.match(/<testcase /g)).toHaveLength(6);
    } finally {
      log.dispose();
    }
  });
});

describe('the scenario command', () => {
  it('keeps its results in a private temporary file while it runs, and removes it when done', async () => {
    const { mkdtempSync, readdirSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runScenarioCli } = await import('../../harness/cli/runScenarioCli');
    const temp = mkdtempSync(join(tmpdir(), 'lattice-e2e-stream-test-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    const seen: { mode: number; dirMode: number }[] = [];
    let out = '';
    try {
      const code = await runScenarioCli(
        ['in-org', 'out-of-org', '--reporter', 'json'],
        {
          stdout: {
            write: (text: string) => {
              // The result log is on disk while the reporters read it.
              for (const dir of readdirSync(temp).filter((d) => d.startsWith('lattice-e2e-results-'))) {
                const file = join(temp, dir, 'results.jsonl');
                seen.push({ mode: statSync(file).mode & 0o777, dirMode: statSync(join(temp, dir)).mode & 0o777 });
              }
              out += text;
            },
          },
          stderr: { write: () => true },
          env: {},
        },
        { localWorld: local },
      );
      expect(code).toBe(0);
      expect(JSON.parse(out).summary.total).toBeGreaterThan(1);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((s) => s.mode === 0o600 && s.dirMode === 0o700)).toBe(true);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
