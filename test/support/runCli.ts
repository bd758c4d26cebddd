import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a project command as a real process, from the project root, as `npm run` does: the bundled
 * command in dist/ (scripts/run.mjs without npm's own start; test/support/buildBundles.ts keeps it
 * current), which loads user TypeScript files itself.
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const bundle = join(projectRoot, 'dist', script.replace(/\.ts$/, '.js'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The scenario CLI, as `npm run scenario -- <args>` runs it. */
export const runScenario = (args: string[], env?: NodeJS.ProcessEnv) => runScript('scenario.ts', args, env);

/**
 * A temporary scenarios folder holding the given files (name → source). `HARNESS` in a source is replaced by the
 * harness's path.
 */
export function scenarioDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-scenarios-'));
  mkdirSync(join(dir, 'environments'));
  for (const [name, source] of Object.entries(files)) {
    writeFileSync(
      join(dir, name),
      source.replaceAll('HARNESS', JSON.stringify(join(projectRoot, 'harness', 'index.ts'))),
    );
  }
  return dir;
}
