import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../credentials/createCredentialSource';
import { localEnvironment } from '../environments/localEnvironment';
import { UnknownEnvironmentError, UnknownScenarioError, UserError } from '../errors';
import { consoleReporter, type Writable } from '../reporters/consoleReporter';
import { jsonReporter } from '../reporters/jsonReporter';
import { multiplexReporters, type Reporter } from '../reporters/Reporter';
import { listModules, loadDefaultExport } from '../resolve/loadModule';
import { resolveEnvironment } from '../resolve/resolveEnvironment';
import { resolveScenario } from '../resolve/resolveScenario';
import type { Plan, ResolvedEnvironment } from '../resolve/types';
import { Redactor } from '../run/Redactor';
import { runPlan } from '../run/runPlan';
import { formatPlan } from './formatPlan';
import { parseCliArgs, USAGE, type CliArgs, type ReporterChoice } from './parseCliArgs';

export interface CliIo { stdout: Writable; stderr: Writable; env: NodeJS.ProcessEnv }

export interface CliDeps {
  /** Starts the embedded world for `--env local` (tests inject one with faults or a clock). */
  startWorld?: () => Promise<LocalWorld>;
}

async function resolveEnvironmentByName(args: CliArgs, vars: NodeJS.ProcessEnv, local: () => Promise<LocalWorld>): Promise<ResolvedEnvironment> {
  if (args.env === 'local') return localEnvironment(await local());
  const dir = join(args.dir, 'environments');
  const available = listModules(dir);
  if (!available.includes(args.env)) throw new UnknownEnvironmentError(args.env, ['local', ...available]);
  const { file, value } = await loadDefaultExport(dir, args.env);
  return resolveEnvironment(args.env, file, value, vars);
}

async function buildPlan(args: CliArgs, env: ResolvedEnvironment): Promise<Plan> {
  const available = listModules(args.dir);
  const names = args.all ? available : args.scenarios;
  for (const name of names) if (!available.includes(name)) throw new UnknownScenarioError(name, available);
  const calls = [];
  for (const name of names) {
    const { file, value } = await loadDefaultExport(args.dir, name);
    calls.push(...resolveScenario(name, file, value, env));
  }
  return { environment: env, calls };
}

function createReporter(choice: ReporterChoice, io: CliIo, closers: (() => Promise<void>)[]): Reporter {
  let out = io.stdout;
  if (choice.file) {
    const stream = createWriteStream(choice.file);
    closers.push(() => new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))));
    out = stream;
  }
  switch (choice.kind) {
    case 'json':
      return jsonReporter(out);
    case 'console':
      return consoleReporter(out, !choice.file && io.stdout === process.stdout && process.stdout.isTTY);
    case 'junit':
    case 'github':
      throw new UserError('USAGE', `reporter "${choice.kind}" is not available yet`);
  }
}

/** The `scenario` command: returns the exit code (0 all held, 1 an expectation failed, 2 bad input). */
export async function runScenarioCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  let world: LocalWorld | undefined;
  const startWorld = deps.startWorld ?? (() => startLocalWorld());
  const closers: (() => Promise<void>)[] = [];
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const env = await resolveEnvironmentByName(args, io.env, async () => (world = await startWorld()));
    const plan = await buildPlan(args, env);
    if (args.dryRun) {
      io.stdout.write(formatPlan(plan));
      return 0;
    }
    const redactor = new Redactor();
    if (env.credentials.kind === 'static') redactor.add(env.credentials.keys.secretAccessKey);
    const reporter = multiplexReporters(args.reporters.map((choice) => ({ name: choice.kind, reporter: createReporter(choice, io, closers) })));
    const since = Date.now();
    const summary = await runPlan(plan, {
      reporter,
      redactor,
      credentials: createCredentialSource(env),
      concurrency: args.concurrency,
      untilConsistent: args.untilConsistentMs === undefined ? undefined : { since, deadline: since + args.untilConsistentMs, baseDelayMs: 1_000, maxDelayMs: 15_000 },
    });
    for (const failure of reporter.failures) io.stderr.write(`reporter ${failure.reporter} failed in ${failure.hook}: ${(failure.error as Error)?.message ?? failure.error}\n`);
    if (reporter.failures.length > 0) return 2;
    return summary.failed === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr.write(`error: ${error.message}\n`);
      if (error.code === 'USAGE') io.stderr.write(`\n${USAGE}\n`);
      return 2;
    }
    io.stderr.write(`internal error: ${(error as Error)?.stack ?? error}\n`);
    return 2;
  } finally {
    await Promise.all(closers.map((close) => close().catch(() => undefined)));
    await world?.close();
  }
}
