import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { runReportCli } from '../../harness/report/runReportCli';
import { scenarioDir } from '../support/runCli';

// Two scenarios whose calls interleave five role sessions and the anonymous caller, with passes and failures.
const dir = scenarioDir({
  'first.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [
  { caller: 'consumer-b', expect: { allow: true } },
  { caller: 'outsider-c', expect: { deny: 'network' } },
  { caller: 'consumer-b', name: 'b again', expect: { allow: true } },
  { caller: 'anonymous', expect: { deny: 'network' } },
  { caller: 'consumer-b-no-invoke', expect: { allow: true } },
] });`,
  'second.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [
  { caller: 'outsider-c-in-org-vpc', expect: { deny: 'network' } },
  { caller: 'consumer-b-isolated-vpc', expect: { deny: 'network' } },
  { caller: 'outsider-c', name: 'c again', expect: { allow: true } },
  { caller: 'consumer-b', name: 'b third', expect: { allow: true } },
] });`,
});

const silent = { write: () => true };
/** What must agree between one run and the merged shards: everything but timings. */
const comparable = (doc: { results: Record<string, unknown>[] }) =>
  doc.results.map(({ durationMs: _d, ...rest }) => rest);

describe('--shard i/n and report merge', () => {
  let local: LocalWorld;
  beforeAll(async () => {
    local = await startLocalWorld();
  });
  afterAll(() => local.close());

  const run = async (args: string[]) => {
    let stderr = '';
    const code = await runScenarioCli(
      [...args, '--dir', dir],
      { stdout: silent, stderr: { write: (t: string) => (stderr += t) }, env: {} },
      { localWorld: local },
    );
    expect(stderr).toBe('');
    return code;
  };

  it('a plan run in 3 shards and merged has the same calls and results as one run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-shards-'));
    expect(await run(['--all', '--reporter', `json=${join(out, 'whole.json')}`])).toBe(1);
    const roleCounts: number[] = [];
    for (const i of [1, 2, 3]) {
      local.world.resetStats();
      expect(
        await run(['--all', '--shard', `${i}/3`, '--reporter', `json=${join(out, `part-${i}.json`)}`]),
      ).toBeGreaterThanOrEqual(0);
      roleCounts.push(local.world.stats.assumeRole.size);
    }
    const whole = JSON.parse(readFileSync(join(out, 'whole.json'), 'utf8'));
    const parts = [1, 2, 3].map((i) => JSON.parse(readFileSync(join(out, `part-${i}.json`), 'utf8')));
    // Every part holds some calls, and together exactly the plan's 9.
    expect(parts.map((p) => p.results.length).reduce((a: number, b: number) => a + b)).toBe(9);
    for (const p of parts) expect(p.results.length).toBeGreaterThan(0);
    // A role session's calls stay in one part: no role is assumed by two shards (4 distinct sessions in all).
    expect(roleCounts.reduce((a, b) => a + b)).toBe(4);

    let stdout = '';
    const summary = join(out, 'summary.md');
    const code = await runReportCli(
      [
        'merge',
        ...[3, 1, 2].map((i) => join(out, `part-${i}.json`)),
        '--reporter',
        `junit=${join(out, 'junit.xml')}`,
        '--reporter',
        `github=${summary}`,
        '--reporter',
        'json',
      ],
      { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => expect.fail(t) }, env: {} },
    );
    expect(code).toBe(1);
    const merged = JSON.parse(stdout);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.summary).toEqual({ total: 9, passed: 6, failed: 3, flaky: 0 });
    expect(comparable(merged)).toEqual(comparable(whole));

    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(join(out, 'junit.xml'), 'utf8'),
    );
    expect(Number(junit.testsuites.tests)).toBe(9);
    expect(Number(junit.testsuites.failures)).toBe(3);
    expect(junit.testsuites.testsuite.map((s: { name: string }) => s.name)).toEqual(['first', 'second']);
    expect(readFileSync(summary, 'utf8')).toContain('**6 passed, 3 failed, 0 flaky** (9 calls');
  });

  it('refuses a merge with a part missing or given twice, naming it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-shards-'));
    for (const i of [1, 2]) await run(['first', '--shard', `${i}/2`, '--reporter', `json=${join(out, `p${i}.json`)}`]);
    const merge = async (files: string[]) => {
      let stderr = '';
      const code = await runReportCli(['merge', ...files.map((f) => join(out, f))], {
        stdout: silent,
        stderr: { write: (t: string) => (stderr += t) },
        env: {},
      });
      return { code, stderr };
    };
    expect(await merge(['p1.json'])).toEqual({ code: 2, stderr: expect.stringContaining('shard part 2 of 2 missing') });
    expect(await merge(['p1.json', 'p1.json', 'p2.json'])).toEqual({
      code: 2,
      stderr: expect.stringContaining('part 1 is also'),
    });
  });
});
