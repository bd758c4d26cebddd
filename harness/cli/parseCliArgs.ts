import { UserError } from '../errors';
import { commandHelp, npmOptionsOf, parseCommand, type CommandSpec } from './defineCommand';
import { parseDuration } from './parseDuration';
import { DEFAULT_MAX_PASSED, parseMaxPassed } from '../report/selectShownCalls';
import type { ShardChoice } from '../resolve/shardPlan';

export const REPORTER_KINDS = ['console', 'json', 'junit', 'github', 'html'] as const;
export type ReporterChoice = { kind: (typeof REPORTER_KINDS)[number]; file?: string };

export interface CliArgs {
  scenarios: string[];
  all: boolean;
  env: string;
  /** The world to run (a name of <dir>/worlds/ or a file); default the folder's default world. */
  world?: string;
  dir: string;
  reporters: ReporterChoice[];
  concurrency: number;
  dryRun: boolean;
  /** Re-check calls that do not hold yet for up to this many milliseconds. */
  untilConsistentMs?: number;
  /** Fail the run when AWS answers otherwise than the world the environment mirrors predicts. */
  strictModel: boolean;
  help: boolean;
  /** Run only this part of the plan (CI matrix jobs). */
  shard?: ShardChoice;
  /** Passed calls the html reporter's page shows. */
  htmlMaxPassed: number;
}

/** The scenario command: its help, errors and options all come from this one definition. */
export const SCENARIO_COMMAND: CommandSpec = {
  name: 'npm run scenario --',
  arguments: '[name...]',
  description: 'Runs scenarios (scenarios/<name>.ts) against an environment and judges every call.',
  options: [
    { flags: '--all', description: "run every scenario of the run's world in the scenarios folder", default: false },
    {
      flags: '--env <name>',
      description: 'environment: scenarios/environments/<name>.ts, or "local", the embedded local world',
      default: 'local',
    },
    {
      flags: '--world <name|file>',
      description:
        'the world the embedded local world runs: scenarios/worlds/<name>.ts ' +
        "(default: demo); only that world's scenarios run",
    },
    {
      flags: '--reporter <r[=file]>',
      description:
        'console (default), json, junit, github or html; may be repeated; json, ' +
        'junit and html write to stdout unless given a ' +
        'file; github appends a summary to $GITHUB_STEP_SUMMARY and prints ::error annotations',
      repeatable: true,
    },
    {
      flags: '--html-max-passed <n>',
      description:
        "passed calls the html reporter's page shows (every failed, flaky or disagreeing call is); the others " +
        'are counted',
      default: String(DEFAULT_MAX_PASSED),
    },
    { flags: '--concurrency <n>', description: 'calls and role assumptions in flight at once', default: '4' },
    {
      flags: '--dry-run',
      description: 'print the plan (callers, roles, URLs, expectations) and call nothing',
      default: false,
    },
    {
      flags: '--until-consistent <d>',
      description: 'after a policy change: re-check calls that do not hold yet, with backoff, for up to <d> (e.g. 5m)',
    },
    {
      flags: '--strict-model',
      description:
        'with an environment that mirrors a world: fail the run (exit 1) where ' +
        'AWS answered otherwise than the world predicts',
      default: false,
    },
    { flags: '--dir <path>', description: 'scenarios folder', default: 'scenarios' },
    {
      flags: '--shard <i/n>',
      description: "run part i of n of the plan (one CI job each; a role's calls stay in one part)",
    },
  ],
  epilog: 'exit codes: 0 every expectation held, 1 an expectation failed, 2 bad input or configuration',
};

export const USAGE = commandHelp(SCENARIO_COMMAND);

/** The scenario command's options by name, for the check of options npm took for itself. */
export const SCENARIO_OPTIONS = npmOptionsOf(SCENARIO_COMMAND);

/** Parses the scenario command's arguments; mistakes are UserErrors. */
export function parseCliArgs(argv: string[]): CliArgs {
  const parsed = parseCommand(SCENARIO_COMMAND, argv);
  if (parsed.help) {
    const none = {
      scenarios: [],
      all: false,
      env: 'local',
      dir: 'scenarios',
      reporters: [],
      concurrency: 4,
      dryRun: false,
    };
    return { ...none, strictModel: false, help: true, htmlMaxPassed: DEFAULT_MAX_PASSED };
  }
  const values = parsed.values as {
    all: boolean;
    env: string;
    world?: string;
    reporter?: string[];
    concurrency: string;
    dryRun: boolean;
    untilConsistent?: string;
    strictModel: boolean;
    dir: string;
    shard?: string;
    htmlMaxPassed: string;
  };
  const positionals = parsed.positionals;
  const reporters = (values.reporter ?? ['console']).map((text): ReporterChoice => {
    const [kind, file] = text.split(/=(.*)/s);
    if (!(REPORTER_KINDS as readonly string[]).includes(kind!)) {
      throw new UserError('USAGE', `unknown reporter "${kind}" (expected ${REPORTER_KINDS.join(', ')})`);
    }
    return { kind: kind as ReporterChoice['kind'], file: file || undefined };
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UserError('USAGE', `--concurrency must be an integer from 1 to 64, got ${values.concurrency}`);
  }
  if (!values.all && positionals.length === 0) throw new UserError('USAGE', 'name a scenario (or use --all)');
  const untilConsistentMs =
    values.untilConsistent === undefined ? undefined : parseDuration(values.untilConsistent, '--until-consistent');
  if (values.world !== undefined && values.env !== 'local') {
    throw new UserError(
      'USAGE',
      `--world picks the embedded local world's world; environment "${values.env}" names its own world in its file`,
    );
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  return {
    shard,
    scenarios: positionals,
    all: values.all,
    env: values.env,
    world: values.world,
    dir: values.dir,
    reporters,
    concurrency,
    dryRun: values.dryRun,
    untilConsistentMs,
    strictModel: values.strictModel,
    help: false,
    htmlMaxPassed: parseMaxPassed(values.htmlMaxPassed),
  };
}

/** `i/n`: part i (from 1) of n. */
export function parseShard(text: string): ShardChoice {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError('USAGE', `--shard must be <i>/<n> with 1 <= i <= n (e.g. 2/3), got ${text}`);
  }
  return { index, count };
}
