import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { findLeakyDebugVariables } from '../../harness/cli/findLeakyDebugVariables';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { projectRoot } from '../support/paths';
import { runScenario, runScript, scenarioDir } from '../support/runCli';

// What Node's http, net and tls debug output shows of a signed call: it must never be printed.
const SECRET_SHAPES = /x-amz-security-token|Signature=[0-9a-f]{16}|authorization:/i;

describe('every command refuses debug variables that would print secrets, before anything runs', () => {
  it('scenario with NODE_DEBUG=http: exit 2, the variable named, no header, token or signature printed', async () => {
    const run = await runScenario(['out-of-org'], { NODE_DEBUG: 'http' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: NODE_DEBUG=http: ');
    expect(run.stderr).toContain('unset the variable');
    expect(run.stdout).toBe('');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(SECRET_SHAPES);
  });

  it.each([
    ['check.ts', ['--help']],
    ['emulator.ts', ['--help']],
    ['bench.ts', []],
    ['conformance.ts', []],
  ])('%s with NODE_DEBUG=net,tls exits 2 and names it', async (script, args) => {
    const run = await runScript(script, args, { NODE_DEBUG: 'net,tls' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: NODE_DEBUG=net,tls: ');
    expect(run.stdout).toBe('');
  });

  it('a harmless NODE_DEBUG (module resolution) is let through', async () => {
    const run = await runScenario(['--help'], { NODE_DEBUG: 'module' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run scenario');
  });

  it('names every set that prints data, any pattern, and NODE_DEBUG_NATIVE; lets module, esm and timer through', () => {
    const leaky = ['http', 'HTTP', 'http2', 'https', 'net', 'tls', 'child_process', 'stream', 'fetch', '*', 'ht*'];
    leaky.push('module,http');
    for (const value of leaky) {
      expect(findLeakyDebugVariables({ NODE_DEBUG: value }), value).toHaveLength(1);
    }
    expect(findLeakyDebugVariables({ NODE_DEBUG: 'module,esm,timer' })).toEqual([]);
    expect(findLeakyDebugVariables({ NODE_DEBUG: '' })).toEqual([]);
    expect(findLeakyDebugVariables({})).toEqual([]);
    for (const value of ['child_process', 'CHILD_*', '*']) {
      expect(findLeakyDebugVariables({ NODE_DEBUG: value })[0]).toContain(
        'npm, npx and tsx have already printed the environment',
      );
    }
    expect(findLeakyDebugVariables({ NODE_DEBUG: 'http' })[0]).not.toContain('npm, npx and tsx');
    const [native] = findLeakyDebugVariables({ NODE_DEBUG_NATIVE: 'HTTP2SESSION' });
    expect(native).toMatch(/^NODE_DEBUG_NATIVE=HTTP2SESSION: /);
  });
});

describe('standard output closed early', () => {
  it('`scenario --dry-run | head -1` stops writing quietly and exits normally', async () => {
    // A plan of a few megabytes: far more than a pipe holds, so most of it is written after the reader has gone.
    const dir = scenarioDir({
      'big.ts': `import { defineScenario } from HARNESS;
const call = (i: number) => ({ caller: 'consumer-b', name: 'call-' + i, expect: { allow: true } });
export default defineScenario({ service: 'parking', calls: Array.from({ length: 5000 }, (_, i) => call(i)) });`,
    });
    // The bundled command, as `npm run scenario` runs it.
    const bundle = join(projectRoot, 'dist', 'scenario.js');
    const child = spawn(process.execPath, [bundle, 'big', '--dir', dir, '--dry-run'], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first = '';
    let stderr = '';
    child.stdout.once('data', (d) => {
      first = String(d).split('\n')[0];
      child.stdout.destroy();
    });
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(first).toBe('plan: 5000 calls against environment "local" (region us-east-1, organization o-a1b2c3d4e5)');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

/** Runs npm itself, as a user types it, from the project root. */
function runNpm(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1' };
    const child = spawn('npm', args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('options npm took for itself', () => {
  it('`npm run scenario in-org --dry-run` (no `--`) exits 2 and says how to pass the option', async () => {
    const run = await runNpm(['run', '--silent', 'scenario', 'in-org', '--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'npm took --dry-run for itself (npm_config_dry_run set) ' +
        'and this command never saw it: ' +
        'put the options after `--`: `npm run scenario -- in-org --dry-run`',
    );
    expect(run.stdout).not.toMatch(/PASS|FAIL|passed/);
  }, 60_000);

  it("`npm run scenario -- in-org --dry-run` runs: the variables npm always sets are not the command's", async () => {
    const run = await runNpm(['run', '--silent', 'scenario', '--', 'in-org', '--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run: nothing was called');
  }, 60_000);

  it('an option with a value: it became a name, so the advice leaves it to the user; nothing is called', async () => {
    const local = await startLocalWorld();
    let stderr = '';
    try {
      const code = await runScenarioCli(
        ['in-org', 'staging'],
        {
          stdout: { write: () => true },
          stderr: { write: (t: string) => (stderr += t) },
          env: { npm_config_env: 'true', npm_config_all: 'true' },
        },
        { localWorld: local },
      );
      expect(code).toBe(2);
      expect(stderr).toBe(
        'error: npm took --all, --env for itself (npm_config_all, npm_config_env set) ' +
          'and this command never saw them: ' +
          'put the options after `--`: `npm run scenario -- <names> --all --env <value>`\n',
      );
      expect(local.world.stats.assumeRole.size).toBe(0);
      expect(local.world.stats.invokes).toBe(0);
    } finally {
      await local.close();
    }
  });
});
