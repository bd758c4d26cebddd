import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';
import { runScript, scenarioDir } from '../support/runCli';
import { runInProcess, scenarioInProcess } from '../support/runInProcess';

// Worlds whose own end-to-end file runs these same two commands and asserts all that is asserted here, and more:
// each run once in the suite.
const OWN_FILE: Record<string, string> = {
  guardrails: 'test/e2e/guardrailsCli.test.ts',
  relays: 'test/relay-int/relayCli.test.ts',
};
const ALL_SHIPPED = readdirSync(join(projectRoot, 'scenarios', 'worlds'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const SHIPPED = ALL_SHIPPED.filter((world) => !(world in OWN_FILE));

it('every shipped world is run end to end: here, or in its own file', () => {
  expect(SHIPPED.length).toBeGreaterThan(0);
  for (const file of Object.values(OWN_FILE)) expect(existsSync(join(projectRoot, file)), file).toBe(true);
  expect(Object.keys(OWN_FILE).every((world) => ALL_SHIPPED.includes(world))).toBe(true);
});

describe.each(SHIPPED)('shipped world %s', (world) => {
  it('its scenarios pass against the embedded local world, and check agrees with every call', async () => {
    const [run, check] = await Promise.all([
      scenarioInProcess(['--all', '--world', world, '--reporter', 'json']),
      runInProcess('check.ts', ['--world', world, '--json']),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      summary: { total: number; failed: number };
      results: { scenario: string }[];
    };
    expect(report.summary.failed).toBe(0);
    expect(report.summary.total).toBeGreaterThan(0);
    expect(check.code).toBe(0);
    const prediction = JSON.parse(check.stdout) as { summary: { total: number; disagree: number } };
    expect(prediction.summary).toMatchObject({ total: report.summary.total, disagree: 0 });
  }, 120_000);
});

describe('a run is against one world', () => {
  it('a scenario written for another world is refused by name, with the option that runs it', async () => {
    const run = await scenarioInProcess(['marketplace-public']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('marketplace-public.ts: world: the scenario is written for world "marketplace"');
    expect(run.stderr).toContain('--world marketplace');
  }, 60_000);
});

describe('a broken world file exits 2 naming the file and the field, in every command', () => {
  const world = {
    region: 'us-east-1',
    accounts: { a: { id: '111111111111' } },
    vpcs: { v: { account: 'nobody' } },
    users: { runner: { account: 'a' } },
    serviceNetworks: {},
    services: {},
    callers: {},
    runner: { user: 'runner', vpc: 'v' },
  };
  const dir = scenarioDir({
    's.ts': `export default { world: 'bad', service: 'x', calls: [{ caller: 'c', expect: { allow: true } }] };\n`,
  });
  mkdirSync(join(dir, 'worlds'));
  const file = join(dir, 'worlds', 'bad.ts');
  writeFileSync(file, `export default ${JSON.stringify(world, null, 2)};\n`);
  const expected = `${file}: vpcs.v.account: unknown account "nobody" (known: a)`;

  it.each([
    ['scenario', () => scenarioInProcess(['s', '--dir', dir, '--world', 'bad'])],
    ['check', () => runInProcess('check.ts', ['s', '--dir', dir, '--world', 'bad'])],
    ['emulator', () => runScript('emulator.ts', ['--world', file])],
  ])(
    '%s',
    async (_command, run) => {
      const result = await run();
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
