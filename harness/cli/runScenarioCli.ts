import { defaultWorldName, loadWorld, type WorldSpec } from '../../world';
import { createCredentialSource } from '../credentials/createCredentialSource';
import { createModelComparer } from '../check/compareWithModel';
import { localEnvironment, localEnvironmentFromSpec } from '../environments/localEnvironment';
import { noLocalWorld, type LocalWorldHandle, type StartLocalWorld } from '../environments/LocalWorldHandle';
import { UserError } from '../errors';
import { consoleReporter, type Writable } from '../reporters/consoleReporter';
import { githubReporter } from '../reporters/githubReporter';
import { coverageReporter } from '../report/coverageReporter';
import { createReportFileSink, type ReportFileSink } from '../report/createReportFileSink';
import { createResultLog, type ResultLog } from '../report/createResultLog';
import { predictRun, type RunInsights } from '../report/predictRun';
import { htmlReporter } from '../reporters/htmlReporter';
import { jsonReporter } from '../reporters/jsonReporter';
import { junitReporter } from '../reporters/junitReporter';
import { multiplexReporters, type MultiplexedReporter, type ReporterFailure } from '../reporters/multiplexReporters';
import type { Reporter } from '../reporters/Reporter';
import { resolveNamedEnvironment, resolvePlan } from '../resolve/resolvePlan';
import { shardPlan } from '../resolve/shardPlan';
import type { Plan, ResolvedEnvironment } from '../resolve/types';
import type { CallDeps } from '../run/runCall';
import { Redactor } from '../run/Redactor';
import { runPlan } from '../run/runPlan';
import { describeNpmSwallowedOptions, findNpmSwallowedOptions } from './findNpmSwallowedOptions';
import { formatPlan } from './formatPlan';
import { parseCliArgs, SCENARIO_OPTIONS, USAGE, type CliArgs, type ReporterChoice } from './parseCliArgs';
import { escapeControls } from '../text/escapeControls';
import { reportCliError } from './reportCliError';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export interface CliDeps {
  /** A running local world to use for `--env local` instead of starting one (it is left running). */
  localWorld?: LocalWorldHandle;
  /** Starts the embedded local world (the emulator's startLocalWorld). */
  startLocalWorld?: StartLocalWorld;
  /** The transport for the calls (default: HTTP(S)); tests give one that fails. */
  send?: CallDeps['send'];
  /**
   * How the run waits between retries and re-checks, and between a role's assumption retries (ms asked).
   * Default: a real timer. Attempts, bounds and deadlines stay the run's own.
   */
  sleep?: (ms: number) => Promise<void>;
}

async function resolveEnvironmentByName(
  args: CliArgs,
  vars: NodeJS.ProcessEnv,
  local: (spec: WorldSpec) => Promise<LocalWorldHandle>,
): Promise<ResolvedEnvironment> {
  if (args.env !== 'local') return resolveNamedEnvironment(args.env, args.dir, vars);
  const spec = await loadWorld(args.world ?? defaultWorldName(args.dir), args.dir);
  // A dry run sends nothing: the plan of a world that is not running is the same plan, without its addresses.
  return args.dryRun ? localEnvironmentFromSpec(spec) : localEnvironment(await local(spec));
}

type FileOutput = ReportFileSink;
interface NamedReporter {
  name: string;
  reporter: Reporter;
}

/** The world's predictions for the run, filled in once it is planned (reporters read them when it ends). */
interface InsightsRef {
  value?: RunInsights;
}

function createReporter(
  choice: ReporterChoice,
  args: CliArgs,
  io: CliIo,
  files: FileOutput[],
  ref: InsightsRef,
): Reporter[] {
  let out = io.stdout;
  // A file is written once the run ends (github's "file" is the step summary it appends to itself).
  const stdio = !choice.file;
  if (choice.file && choice.kind !== 'github') {
    const output = createReportFileSink(choice.file);
    files.push(output);
    out = { write: (text: string) => output.write(text) };
  }
  const insights = () => ref.value;
  switch (choice.kind) {
    case 'json':
      return [jsonReporter(out, { stdio, insights })];
    case 'html':
      return [htmlReporter(out, { stdio, insights, maxPassed: args.htmlMaxPassed })];
    case 'console':
      return [
        consoleReporter(out, stdio && io.stdout === process.stdout && process.stdout.isTTY, {
          stdio,
          // The embedded world's policies are known: `check` shows which statement and condition decided.
          explainHint: args.env === 'local' ? (names) => explainHint(names, args.dir) : undefined,
        }),
        // Then the policy statements no call exercised.
        coverageReporter(out, insights),
      ];
    case 'junit':
      return [junitReporter(out, { stdio })];
    case 'github':
      return [
        githubReporter({
          summaryFile: choice.file ?? io.env.GITHUB_STEP_SUMMARY,
          annotations: io.stdout,
          scenarioDir: args.dir,
        }),
      ];
  }
}

/** How to see which policy statement decided a failed call of the embedded world. */
function explainHint(names: string[], dir: string): string {
  const dirOption = dir === 'scenarios' ? '' : ` --dir ${dir}`;
  return `which policy statement decided: npm run check -- ${names.join(' ')}${dirOption} --explain`;
}

/** A reporter that prints one document on standard output must be the only one printing there. */
function checkStdoutUse(reporters: NamedReporter[]): void {
  const onStdout = reporters.filter(({ reporter }) => (reporter.printsToStdio?.() ?? 'lines') !== false);
  const document = onStdout.find(({ reporter }) => reporter.printsToStdio?.() === 'document');
  if (document && onStdout.length > 1) {
    const others = onStdout
      .filter((r) => r !== document)
      .map((r) => r.name)
      .join(', ');
    throw new UserError(
      'USAGE',
      `only one reporter may write to stdout when it is ${document.name} (${others} also would): ` +
        'give the others a file (e.g. --reporter junit=reports/junit.xml)',
    );
  }
}

async function writeFiles(files: FileOutput[], failures: ReporterFailure[]): Promise<void> {
  for (const output of files) {
    try {
      output.finish();
    } catch (error) {
      failures.push({ reporter: output.file, hook: 'write', error });
    }
  }
}

/**
 * Runs the plan through the reporters. Whatever happens, every reporter ends and every report file
 * is written: a run stopped by an internal error reports the error (onError) and the results so
 * far, then the error is rethrown for the command to print.
 */
async function runReported(plan: Plan, args: CliArgs, env: ResolvedEnvironment, run: RunContext, deps: CliDeps) {
  const { reporter, redactor } = run;
  const since = Date.now();
  try {
    return await runPlan(plan, {
      reporter,
      redactor,
      // Out of memory as they land: the reporters read them back when the run ends.
      results: run.results,
      // Every credential the run resolves, the runner's own included, is redacted from the reports.
      credentials: createCredentialSource(env, {
        onCredentials: (c) => redactor.add(c.secretAccessKey, c.sessionToken),
        ...(deps.sleep && { sleep: deps.sleep }),
      }),
      send: deps.send,
      ...(deps.sleep && { sleep: deps.sleep }),
      concurrency: args.concurrency,
      // Real accounts that mirror a world: each answer is compared with the world's prediction.
      ...(env.world && env.name !== 'local' && { model: createModelComparer(env.world, () => new Date()) }),
      untilConsistent:
        args.untilConsistentMs === undefined
          ? undefined
          : { since, deadline: since + args.untilConsistentMs, baseDelayMs: 1_000, maxDelayMs: 15_000 },
    });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await reporter.onError({ message: redactor.redact(message) });
    throw error;
  } finally {
    await reporter.end(Date.now() - since);
    await writeFiles(run.files, reporter.failures);
  }
}

/** check's predictions for the run from the environment's world; none when it has none or they fail. */
async function predictInsights(plan: Plan, args: CliArgs): Promise<RunInsights | undefined> {
  try {
    return await predictRun(plan, { dir: args.dir, all: args.all, names: args.scenarios });
  } catch {
    return undefined;
  }
}

interface RunContext {
  reporter: MultiplexedReporter;
  redactor: Redactor;
  files: FileOutput[];
  /** The run's results, kept in a temporary file until every report is written. */
  results: ResultLog;
}

function reportReporterFailures(failures: ReporterFailure[], stderr: Writable): void {
  for (const { reporter, hook, error } of failures) {
    const message = (error as Error)?.message ?? String(error);
    stderr.write(`${escapeControls(`reporter ${reporter} failed in ${hook}: ${message}`)}\n`);
  }
}

/**
 * The `scenario` command: returns the exit code (0 all held, 1 an expectation failed, 2 bad input,
 * a reporter that failed, or an internal error).
 */
export async function runScenarioCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  // The embedded world this run started (and so closes), if any.
  let started: LocalWorldHandle | undefined;
  const local = async (spec: WorldSpec) =>
    deps.localWorld ?? (started = await (deps.startLocalWorld ?? noLocalWorld)(spec));
  let run: RunContext | undefined;
  try {
    const swallowed = findNpmSwallowedOptions(io.env, SCENARIO_OPTIONS);
    if (swallowed.length > 0) {
      throw new UserError('NPM_SWALLOWED', describeNpmSwallowedOptions('scenario', argv, swallowed, SCENARIO_OPTIONS));
    }
    const args = parseCliArgs(argv);
    const files: FileOutput[] = [];
    const insights: InsightsRef = {};
    const reporters = args.reporters.flatMap((choice) =>
      createReporter(choice, args, io, files, insights).map((reporter) => ({ name: choice.kind, reporter })),
    );
    checkStdoutUse(reporters);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const env = await resolveEnvironmentByName(args, io.env, local);
    const whole = await resolvePlan({ dir: args.dir, all: args.all, names: args.scenarios }, env);
    const plan = args.shard ? shardPlan(whole, args.shard) : whole;
    if (args.dryRun) {
      io.stdout.write(formatPlan(plan));
      return 0;
    }
    insights.value = await predictInsights(plan, args);
    const results = createResultLog(plan);
    run = { reporter: multiplexReporters(reporters, { results }), redactor: new Redactor(), files, results };
    const summary = await runReported(plan, args, env, run, deps);
    reportReporterFailures(run.reporter.failures, io.stderr);
    if (run.reporter.failures.length > 0) return 2;
    if (summary.failed > 0) return 1;
    return args.strictModel && (summary.modelDisagreements ?? 0) > 0 ? 1 : 0;
  } catch (error) {
    // An internal error in the middle of a run: the reporters have ended and said so; the stack follows, redacted.
    if (run) reportReporterFailures(run.reporter.failures, io.stderr);
    const redactor = run?.redactor;
    return reportCliError(error, io.stderr, USAGE, redactor ? (text) => redactor.redact(text) : undefined);
  } finally {
    run?.results.dispose();
    await started?.close();
  }
}
