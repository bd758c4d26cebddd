import { describe, expect, it } from 'vitest';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { seedWorld } from '../../world';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { listModules } from '../../harness/resolve/loadModule';
import { projectRoot } from '../support/paths';
import { scenarioInProcess } from '../support/runInProcess';
import { NETWORK_DENIAL } from '../reporters/results';
import { join } from 'node:path';

/** Runs the CLI in this process with an embedded world the test can inspect afterwards. */
async function runInProcess(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const local = await startLocalWorld();
  try {
    const code = await runScenarioCli(
      argv,
      { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env },
      { localWorld: local },
    );
    return { code, out, err, stats: local.world.stats };
  } finally {
    await local.close();
  }
}

describe('scenario CLI: the runner', () => {
  it("--all runs every scenario of the world in the folder (the demo's: the others are for other worlds)", async () => {
    const scenarios = listModules(join(projectRoot, 'scenarios')).filter(
      (name) => !name.startsWith('marketplace-') && !name.startsWith('guardrails-') && !name.startsWith('relays-'),
    );
    const run = await runInProcess(['--all', '--reporter', 'json', '--dir', join(projectRoot, 'scenarios')]);
    const doc = JSON.parse(run.out);
    expect(new Set(doc.results.map((r: { scenario: string }) => r.scenario))).toEqual(new Set(scenarios));
    expect(doc.summary.total).toBe(doc.results.length);
    expect(run.code).toBe(doc.summary.failed === 0 ? 0 : 1);
  });

  it('--dry-run prints the plan and calls nothing (no AssumeRole, no Invoke at the emulator)', async () => {
    const run = await runInProcess(['in-org', 'out-of-org', '--dry-run', '--dir', join(projectRoot, 'scenarios')]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('in-org › consumer-b');
    expect(run.out).toContain(
      'assumes arn:aws:iam::444444444444:role/lattice-invoker as session lattice-e2e-outsider-c (with external ID)',
    );
    expect(run.out).toContain('expect:   deny by network');
    expect(run.stats.assumeRole.size).toBe(0);
    expect(run.stats.invokes).toBe(0);
  });

  it('--dry-run starts no local world: the plan is the same as a started world gives', async () => {
    let starts = 0;
    let out = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {} };
    const argv = ['--all', '--world', 'relays', '--dry-run', '--dir', join(projectRoot, 'scenarios')];
    const code = await runScenarioCli(argv, io, {
      startLocalWorld: async () => {
        starts++;
        throw new Error('a dry run started the local world');
      },
    });
    expect(code).toBe(0);
    expect(starts).toBe(0);
    expect(out).toContain('relays-source-vpc › consumer-b');
    expect(out).toContain('dry run: nothing was called');
  });

  it("the console shows each call's response text: Lattice's AccessDenied text for the outsider, whole", async () => {
    const run = await runInProcess(['out-of-org', 'in-org', '--dir', join(projectRoot, 'scenarios')]);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    const denied = lines.findIndex((line) => line.startsWith('PASS out-of-org › outsider-c '));
    expect(lines[denied + 1]).toBe(`     response: ${NETWORK_DENIAL}`);
    const allowed = lines.findIndex((line) => line.startsWith('PASS in-org › consumer-b '));
    expect(lines[allowed + 1]).toBe('     response: "Lattice Success!"');
  });

  it('a real run assumes each distinct role once (counted at the emulator)', async () => {
    const run = await runInProcess(['in-org', 'out-of-org', '--dir', join(projectRoot, 'scenarios')]);
    expect(run.code).toBe(0);
    expect([...run.stats.assumeRole.values()]).toEqual([1, 1]);
  });

  it('--env staging without its variables exits 2 and names every missing one', async () => {
    const run = await scenarioInProcess(['--all', '--env', 'staging'], {
      LATTICE_E2E_REGION: 'us-east-1',
      LATTICE_E2E_ORG_ID: '',
      LATTICE_E2E_ROLE_B_ARN: undefined,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'staging.ts: missing environment variables: LATTICE_E2E_ROLE_B_ARN, ' +
        'LATTICE_E2E_ROLE_C_ARN, LATTICE_E2E_ROLE_C_EXTERNAL_ID, ' +
        'LATTICE_E2E_SERVICE_PARKING_URL, LATTICE_E2E_SERVICE_PARKING_ARN',
    );
    expect(run.stderr).not.toContain('LATTICE_E2E_REGION');
  });

  it('an unknown environment exits 2 and lists the available ones', async () => {
    const run = await runInProcess(['in-org', '--env', 'prod', '--dir', join(projectRoot, 'scenarios')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown environment "prod". Available: local, emulator, staging');
  });

  it('bad flags exit 2 with usage', async () => {
    for (const argv of [
      ['in-org', '--until-consistent', 'soon'],
      ['in-org', '--reporter', 'xml'],
      ['in-org', '--concurrency', '0'],
      [],
    ]) {
      const run = await runInProcess(argv);
      expect(run.code).toBe(2);
      expect(run.err).toContain('Usage: npm run scenario');
    }
  });
});

describe('scenario CLI: which aws:SourceOrgID reading a network follows', () => {
  const run = async (mode: 'principal' | 'source-vpc-owner' | 'absent') => {
    const local = await startLocalWorld({ spec: { ...seedWorld(), sourceOrgIdMode: mode } });
    let out = '';
    try {
      const code = await runScenarioCli(
        ['source-org-id', '--reporter', 'json', '--dir', join(projectRoot, 'scenarios')],
        { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {} },
        { localWorld: local },
      );
      const doc = JSON.parse(out);
      return {
        code,
        observed: Object.fromEntries(
          doc.results.map((r: { caller: string; observed: { kind: string } }) => [r.caller, r.observed.kind]),
        ),
      };
    } finally {
      await local.close();
    }
  };

  it("passes where the key is the principal's organization", async () => {
    expect(await run('principal')).toEqual({
      code: 0,
      observed: { 'consumer-b': 'allowed', 'outsider-c-in-org-vpc': 'denied' },
    });
  });

  it(
    "fails where the key is the source VPC owner's organization: the " + 'outsider gets in from an in-org VPC',
    async () => {
      expect(await run('source-vpc-owner')).toEqual({
        code: 1,
        observed: { 'consumer-b': 'allowed', 'outsider-c-in-org-vpc': 'allowed' },
      });
    },
  );

  it('fails where the key is absent: nobody gets through', async () => {
    expect(await run('absent')).toEqual({
      code: 1,
      observed: { 'consumer-b': 'denied', 'outsider-c-in-org-vpc': 'denied' },
    });
  });
});
