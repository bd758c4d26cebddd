import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors';
import { parseDuration } from './parseDuration';
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
}

export const USAGE = `usage: npm run scenario -- [name ...] [options]

  name                    scenario file scenarios/<name>.ts (several allowed)
  --all                   run every scenario in the scenarios folder
  --env <name>            environment: scenarios/environments/<name>.ts, or "local" (default),
                          the embedded local world
  --world <name|file>     the world the embedded local world runs: scenarios/worlds/<name>.ts
                          (default: demo); only that world's scenarios run
  --reporter <r>[=file]   console (default), json, junit, github or html; may be repeated;
                          json, junit and html write to stdout unless given a file; github appends
                          a summary to $GITHUB_STEP_SUMMARY and prints ::error annotations;
                          html is one self-contained page (matrix, explanations, policy coverage)
  --concurrency <n>       calls and role assumptions in flight at once (default 4)
  --dry-run               print the plan (callers, roles, URLs, expectations) and call nothing
  --until-consistent <d>  after a policy change: re-check calls that do not hold yet, with
                          backoff, for up to <d> (e.g. 5m); reports the time to consistency
  --strict-model          with an environment that mirrors a world: fail the run (exit 1) where AWS
                          answered otherwise than the world as code predicts
  --dir <path>            scenarios folder (default: scenarios)
  --shard <i>/<n>         run part i of n of the plan (one CI job each; a role's calls stay in
                          one part); join the parts' JSON reports with npm run report -- merge

exit codes: 0 every expectation held, 1 an expectation failed, 2 bad input or configuration`;

/** The scenario command's options, as `node:util` parseArgs reads them. */
export const SCENARIO_OPTIONS = {
  all: { type: 'boolean', default: false },
  env: { type: 'string', default: 'local' },
  world: { type: 'string' },
  dir: { type: 'string', default: 'scenarios' },
  reporter: { type: 'string', multiple: true },
  concurrency: { type: 'string', default: '4' },
  'dry-run': { type: 'boolean', default: false },
  'until-consistent': { type: 'string' },
  'strict-model': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  shard: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Parses the scenario command's arguments; mistakes are UserErrors. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: SCENARIO_OPTIONS });
  } catch (error) {
    throw new UserError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  const reporters = (values.reporter ?? ['console']).map((text): ReporterChoice => {
    const [kind, file] = text.split(/=(.*)/s);
    if (!(REPORTER_KINDS as readonly string[]).includes(kind)) throw new UserError('USAGE', `unknown reporter "${kind}" (expected ${REPORTER_KINDS.join(', ')})`);
    return { kind: kind as ReporterChoice['kind'], file: file || undefined };
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserError('USAGE', `--concurrency must be an integer from 1 to 64, got ${values.concurrency}`);
  if (!values.help && !values.all && positionals.length === 0) throw new UserError('USAGE', 'name a scenario (or use --all)');
  const untilConsistentMs = values['until-consistent'] === undefined ? undefined : parseDuration(values['until-consistent'], '--until-consistent');
  if (values.world !== undefined && values.env !== 'local') {
    throw new UserError('USAGE', `--world picks the embedded local world's world; environment "${values.env}" names its own world in its file`);
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  return { shard, scenarios: positionals, all: values.all, env: values.env, world: values.world, dir: values.dir, reporters, concurrency, dryRun: values['dry-run'], untilConsistentMs, strictModel: values['strict-model'], help: values.help };
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
