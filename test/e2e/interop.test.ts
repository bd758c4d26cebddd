import { execFile } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/runCli';

/**
 * PATH with the directory of the interpreter `python3` runs first: the same python3 and the AWS CLI installed with
 * it, without a version manager's shim in front of every call (pyenv's costs more CPU than the client itself).
 */
async function pathWithPythonFirst(): Promise<string | undefined> {
  const run = promisify(execFile);
  const found = await run('python3', ['-c', 'import sys; print(sys.executable)']).catch(() => undefined);
  const executable = found?.stdout.trim();
  return executable ? [dirname(executable), process.env.PATH].join(delimiter) : process.env.PATH;
}

// `npm run interop`: the standard clients of this machine against the local world. Every client is
// either checked (each answer exact) or named as skipped; none is left out silently.
describe('npm run interop', () => {
  it('checks or names every standard client, and no check fails', async () => {
    const run = await runScript('interop.ts', [], { PATH: await pathWithPythonFirst() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const client of ['aws-cli', 'curl', 'botocore'])
      expect(run.stdout).toMatch(new RegExp(`^(PASS|SKIP) ${client}: `, 'm'));
    expect(run.stdout).not.toMatch(/^FAIL /m);
    expect(run.stdout).toMatch(/^interop: \d+ passed, 0 failed, \d+ skipped$/m);
    // curl is part of the machine's base image here: its two checks ran and held.
    expect(run.stdout).toContain('PASS curl: --aws-sigv4 as consumer-b');
    expect(run.stdout).toContain('PASS curl: --aws-sigv4 as outsider-c');
  }, 120_000);
});
