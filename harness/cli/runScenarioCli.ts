import { mkdir, writeFile } from 'node:fs/promises';
import { UserError } from '../errors';
import { reportCliError } from './reportCliError';
import { dirname, join } from 'node:path';
import { defaultWorldName, loadWorld, type WorldSpec } from '../../world';
import { createCredentialSource } from '../credentials/createCredentialSource';
import { localEnvironment } from '../environments/localEnvironment';
import { noLocalWorld, type LocalWorldHandle, type StartLocalWorld } from '../environments/LocalWorldHandle';
import { consoleReporter, type Writable } from '../reporters/consoleReporter';
import { githubReporter } from '../reporters/githubReporter';
import { jsonReporter } from '../reporters/jsonReporter';
import { junitReporter } from '../reporters/junitReporter';
import { multiplexReporters, type Reporter, type ReporterFailure } from '../reporters/Reporter';
import { resolveNamedEnvironment, resolvePlan } from '../resolve/resolvePlan';
import type { ResolvedEnvironment } from '../resolve/types';
import { Redactor } from '../run/Redactor';
import { runPlan } from '../run/runPlan';
import { formatPlan } from './formatPlan';
import { parseCliArgs, USAGE, type CliArgs, type ReporterChoice } from './parseCliArgs';

export interface CliIo { stdout: Writable; stderr: Writable; env: NodeJS.ProcessEnv }

export interface CliDeps {
  /** A running local world to use for `--env local` instead of starting one (it is left running). */
  localWorld?: LocalWorldHandle;
  /** Starts the embedded local world (the emulator's startLocalWorld). */
  startLocalWorld?: StartLocalWorld;
}

async function resolveEnvironmentByName(
  args: CliArgs,
  vars: NodeJS.ProcessEnv,
  local: (spec: WorldSpec) => Promise<LocalWorldHandle>,
): Promise<ResolvedEnvironment> {
  if (args.env !== 'local') return resolveNamedEnvironment(args.env, args.dir, vars);
  return localEnvironment(await local(await loadWorld(args.world ?? defaultWorldName(args.dir), args.dir)));
}

/** Reporters that print one document: on stdout they must be the only writer there. */
const DOCUMENT_REPORTERS = new Set<ReporterChoice['kind']>(['json', 'junit']);

function checkStdoutUse(choices: ReporterChoice[]): void {
  const onStdout = choices.filter((c) => !c.file || c.kind === 'github');
  if (onStdout.some((c) => DOCUMENT_REPORTERS.has(c.kind)) && onStdout.length > 1) {
    throw new UserError('USAGE', `only one reporter may write to stdout when it is ${[...DOCUMENT_REPORTERS].join(' or ')}: give the others a file (e.g. --reporter junit=reports/junit.xml)`);
  }
}

interface FileOutput { file: string; text: string }

function createReporter(choice: ReporterChoice, args: CliArgs, io: CliIo, files: FileOutput[]): Reporter {
  let out = io.stdout;
  // A file is written once the run ends (github's "file" is the step summary it appends to itself).
  if (choice.file && choice.kind !== 'github') {
    const output = { file: choice.file, text: '' };
    files.push(output);
    out = { write: (text: string) => (output.text += text) };
  }
  switch (choice.kind) {
    case 'json':
      return jsonReporter(out);
    case 'console':
      return consoleReporter(out, !choice.file && io.stdout === process.stdout && process.stdout.isTTY, {
        // The embedded world's policies are known: `check` shows which statement and condition decided.
        explainHint: args.env === 'local' ? (names) => `which policy statement decided: npm run check -- ${names.join(' ')}${args.dir === 'scenarios' ? '' : ` --dir ${args.dir}`} --explain` : undefined,
      });
    case 'junit':
      return junitReporter(out);
    case 'github':
      return githubReporter({ summaryFile: choice.file ?? io.env.GITHUB_STEP_SUMMARY, annotations: io.stdout, scenarioDir: args.dir });
  }
}

async function writeFiles(files: FileOutput[], failures: ReporterFailure[]): Promise<void> {
  for (const { file, text } of files) {
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    } catch (error) {
      failures.push({ reporter: file, hook: 'write', error });
    }
  }
}

/** The `scenario` command: returns the exit code (0 all held, 1 an expectation failed, 2 bad input). */
export async function runScenarioCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  // The embedded world this run started (and so closes), if any.
  let started: LocalWorldHandle | undefined;
  const local = async (spec: WorldSpec) => deps.localWorld ?? (started = await (deps.startLocalWorld ?? noLocalWorld)(spec));
  try {
    const args = parseCliArgs(argv);
    checkStdoutUse(args.reporters);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const env = await resolveEnvironmentByName(args, io.env, local);
    const plan = await resolvePlan({ dir: args.dir, all: args.all, names: args.scenarios }, env);
    if (args.dryRun) {
      io.stdout.write(formatPlan(plan));
      return 0;
    }
    const redactor = new Redactor();
    const files: FileOutput[] = [];
    const reporter = multiplexReporters(args.reporters.map((choice) => ({ name: choice.kind, reporter: createReporter(choice, args, io, files) })));
    const since = Date.now();
    const summary = await runPlan(plan, {
      reporter,
      redactor,
      // Every credential the run resolves, the runner's own included, is redacted from the reports.
      credentials: createCredentialSource(env, { onCredentials: (c) => redactor.add(c.secretAccessKey, c.sessionToken) }),
      concurrency: args.concurrency,
      untilConsistent: args.untilConsistentMs === undefined ? undefined : { since, deadline: since + args.untilConsistentMs, baseDelayMs: 1_000, maxDelayMs: 15_000 },
    });
    await writeFiles(files, reporter.failures);
    for (const failure of reporter.failures) io.stderr.write(`reporter ${failure.reporter} failed in ${failure.hook}: ${(failure.error as Error)?.message ?? failure.error}\n`);
    if (reporter.failures.length > 0) return 2;
    return summary.failed === 0 ? 0 : 1;
  } catch (error) {
    return reportCliError(error, io.stderr, USAGE);
  } finally {
    await started?.close();
  }
}
