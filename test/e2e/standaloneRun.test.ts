import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';
import { runScenario } from '../support/runCli';

/** `export NAME='value'` lines → variables. */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z0-9_]+)='(.*)'$/gm)) vars[match[1]] = match[2].replace(/'\\''/g, "'");
  return vars;
}

// The standalone emulator used the way a real environment is: a separate process, the runner's
// credentials from the AWS SDK's chain (environment variables), STS from AWS_ENDPOINT_URL_STS,
// HTTPS trusted through the CA file, service names resolved to the emulator's data plane.
describe('the scenario CLI against the standalone emulator (scenarios/environments/emulator.ts)', () => {
  let emulator: ChildProcess;
  let vars: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-standalone-'));

  beforeAll(async () => {
    const envFile = join(dir, 'emulator.env');
    // As `npm run emulator -- ...` runs it: the bundled command.
    emulator = spawn(
      process.execPath,
      [join(projectRoot, 'dist', 'emulator.js'), '--', '--env-file', envFile, '--propagation-delay', '0'],
      {
        cwd: projectRoot,
        stdio: 'ignore',
      },
    );
    for (let waited = 0; waited < 20_000 && !vars?.LATTICE_E2E_ADMIN_URL; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (existsSync(envFile)) vars = parseExports(readFileSync(envFile, 'utf8'));
    }
    expect(vars?.LATTICE_E2E_ADMIN_URL, 'the emulator wrote its exports').toBeTruthy();
  }, 30_000);
  afterAll(() => {
    emulator.kill('SIGTERM');
  });

  it('runs in-org and out-of-org with credentials from the SDK chain, one AssumeRole per role', async () => {
    // HOME points at an empty folder: no profile or SSO cache of the machine can be read.
    const run = await runScenario(['in-org', 'out-of-org', '--env', 'emulator', '--reporter', 'json'], {
      ...vars,
      HOME: dir,
      AWS_PROFILE: undefined,
      AWS_SESSION_TOKEN: undefined,
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.environment).toBe('emulator');
    expect(doc.results.map((r: { observed: { kind: string } }) => r.observed.kind)).toEqual(['allowed', 'denied']);
    const stats = (await (await fetch(`${vars.LATTICE_E2E_ADMIN_URL}/stats`)).json()) as {
      assumeRole: Record<string, number>;
    };
    expect(Object.values(stats.assumeRole)).toEqual([1, 1]);
    expect(run.stdout).not.toContain(vars.AWS_SECRET_ACCESS_KEY);
  });

  it("without the runner's credentials the calls fail with credentials-failed, never as denied", async () => {
    const run = await runScenario(['out-of-org', '--env', 'emulator', '--reporter', 'json'], {
      ...vars,
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000',
      AWS_SECRET_ACCESS_KEY: 'not-a-key-the-world-knows',
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).results[0].observed).toMatchObject({
      kind: 'credentials-failed',
      code: 'InvalidClientTokenId',
    });
  });
});
