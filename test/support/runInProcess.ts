import { startLocalWorld } from '../../emulator/startLocalWorld';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { runCheckCli } from '../../harness/check/runCheckCli';
import { runWorldCli } from '../../harness/import/runWorldCli';
import { runReportCli } from '../../harness/report/runReportCli';
import { runDeployRelaysCli } from '../../relay/deploy/runDeployRelaysCli';
import { projectRoot } from './paths';
import type { CliRun } from './runCli';

type Io = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
};

/** The commands' entry points, as scripts/<command>.ts calls them (the embedded world started on demand). */
const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  'scenario.ts': (argv, io) => runScenarioCli(argv, io, { startLocalWorld: (spec) => startLocalWorld({ spec }) }),
  'check.ts': (argv, io) => runCheckCli(argv, io, { startLocalWorld: (spec) => startLocalWorld({ spec }) }),
  'world.ts': (argv, io) => runWorldCli(argv, io),
  'report.ts': (argv, io) => runReportCli(argv, io),
  'deploy-relays.ts': (argv, io) => runDeployRelaysCli(argv, io),
};

/**
 * Runs a project command in this process, through the entry point its script calls, with the output
 * captured: the command's own behaviour (arguments, output, exit code) without starting a process.
 * What only a process shows (the bundle loading a user's file, refused debug variables, a closed pipe,
 * the AWS SDK's chain reading the environment) is tested with `runScript`.
 * `env` is laid over this process's environment for the command's own reads, as `runScript` does.
 */
export async function runInProcess(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const command = COMMANDS[script];
  if (!command) throw new Error(`runInProcess: no entry point for ${script}`);
  let stdout = '';
  let stderr = '';
  const code = await command(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...process.env, NO_COLOR: '1', ...env },
    cwd: projectRoot,
  });
  return { code, stdout, stderr };
}

/** The scenario command in this process, as `npm run scenario -- <args>` runs it. */
export const scenarioInProcess = (args: string[], env?: NodeJS.ProcessEnv) => runInProcess('scenario.ts', args, env);
