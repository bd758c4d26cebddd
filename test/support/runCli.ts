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
 * Runs a project script as a real process, from the project root, under tsx's loader as `npm run`
 * does. Node loads it directly (`node --import tsx`), without the `tsx` command's parent process,
 * which only relays signals and the exit code and costs a second Node start per run.
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', script), ...args], {
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
