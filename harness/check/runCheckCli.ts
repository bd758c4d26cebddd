import { UserError } from '../errors';
import { reportCliError } from '../cli/reportCliError';
import { defaultWorldName, loadWorld, type WorldSpec } from '../../world';
import type { LocalWorldHandle, StartLocalWorld } from '../environments/LocalWorldHandle';
import { resolveNamedEnvironment } from '../resolve/resolvePlan';
import type { Writable } from '../reporters/consoleReporter';
import { resolvePlan } from '../resolve/resolvePlan';
import { checkPlan } from './checkPlan';
import { policyCoverage, relativeCoverage } from './coverage';
import { formatCoverage } from './coverageText';
import { findPolicyFiles } from './findPolicyFiles';
import { formatCheckReport, toCheckJson } from './formatCheckReport';
import { localCheckEnvironment } from './localCheckEnvironment';
import { CHECK_USAGE, parseCheckArgs, type CheckArgs } from './parseCheckArgs';

export interface CheckCliIo {
  stdout: Writable;
  stderr: Writable;
  cwd?: string;
  /** The variables an environment file reads (`--deployed --env <name>`); default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface CheckCliDeps {
  /**
   * The world to predict for (tests give one with other policies); default: `--world`, `--env`'s, or the default
   * world.
   */
  world?: () => WorldSpec;
  /** Where the world's policy files are, to name them (default: the files the world file names). */
  policiesDir?: string;
  /** The time requests are predicted at (default: now). */
  now?: Date;
  /**
   * A running local world whose control plane `--deployed --env local` reads, instead of starting one (it is
   * left running).
   */
  localWorld?: LocalWorldHandle;
  /** Starts the embedded local world (the emulator's startLocalWorld). */
  startLocalWorld?: StartLocalWorld;
  /** `--deployed`: the delay before each SDK retry (ms), in place of the SDK's backoff. Default: the SDK's. */
  retryDelayMs?: number;
}

/** The world to predict for: the test's, the environment's (it must name one), or `--world`'s / the default. */
async function worldFor(args: CheckArgs, deps: CheckCliDeps, vars: NodeJS.ProcessEnv): Promise<WorldSpec> {
  if (deps.world) {
    try {
      return deps.world();
    } catch (error) {
      throw new UserError('CONFIG_INVALID', (error as Error).message);
    }
  }
  if (args.env !== 'local' && !args.deployed) {
    const env = await resolveNamedEnvironment(args.env, args.dir, vars);
    if (!env.world) {
      throw new UserError(
        'USAGE',
        `environment "${args.env}" names no world to predict from: add world: ` +
          `'<name>' (a world of ${args.dir}/worlds) to its file`,
      );
    }
    return env.world;
  }
  return loadWorld(args.world ?? defaultWorldName(args.dir), args.dir);
}

/**
 * The `check` command: predicts every call of the scenarios from the local world's policies,
 * judges each expectation against its prediction, lints the policies. Returns the exit code:
 * 0 all agree and no policy is invalid, 1 a disagreement or an invalid policy, 2 bad input.
 * With `--deployed` it compares the policies as code with the deployed ones instead (0 all the
 * same, 1 any differs, is missing, inactive or unreadable, 2 bad input).
 */
export async function runCheckCli(argv: string[], io: CheckCliIo, deps: CheckCliDeps = {}): Promise<number> {
  try {
    const args = parseCheckArgs(argv);
    if (args.help) {
      io.stdout.write(`${CHECK_USAGE}\n`);
      return 0;
    }
    if (args.deployed) {
      const deployedWorld = await worldFor(args, deps, io.env ?? process.env);
      // Loaded only here: it brings the AWS SDK's Lattice, IAM and Organizations clients, which no other check needs.
      const { runDeployedCheck } = await import('./deployed/runDeployedCheck');
      return await runDeployedCheck(
        args,
        { stdout: io.stdout, env: io.env ?? process.env, cwd: io.cwd ?? process.cwd() },
        {
          world: () => deployedWorld,
          ...(deps.policiesDir !== undefined && { policiesDir: deps.policiesDir }),
          localWorld: deps.localWorld,
          startLocalWorld: deps.startLocalWorld,
          ...(deps.retryDelayMs !== undefined && { retryDelayMs: deps.retryDelayMs }),
        },
      );
    }
    const world = await worldFor(args, deps, io.env ?? process.env);
    const plan = await resolvePlan(
      { dir: args.dir, all: args.all, names: args.scenarios },
      localCheckEnvironment(world),
    );
    const sourceOrgIdMode = args.sourceOrgIdMode ?? world.sourceOrgIdMode;
    const report = checkPlan(plan, world, {
      sourceOrgIdMode,
      now: deps.now,
      policyFiles: deps.policiesDir ? findPolicyFiles(world, deps.policiesDir) : world.policyFiles,
    });
    const cwd = io.cwd ?? process.cwd();
    const coverage =
      args.coverage && report.calls.every((c) => !c.error)
        ? relativeCoverage(
            policyCoverage(
              world,
              report.calls.map((c) => ({ id: c.call.id, explanation: c.explanation })),
            ),
            cwd,
          )
        : undefined;
    if (args.json) {
      const json = { ...toCheckJson(report, { sourceOrgIdMode, cwd }), ...(coverage && { coverage }) };
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      io.stdout.write(formatCheckReport(report, { explain: args.explain, sourceOrgIdMode, cwd }));
      if (coverage) io.stdout.write(`\n${formatCoverage(coverage, { full: true })}`);
    }
    const belowMin = args.minCoverage !== undefined && (!coverage || coverage.percent < args.minCoverage);
    if (belowMin && !args.json)
      io.stdout.write(`coverage ${coverage?.percent ?? 0}% is below --min-coverage ${args.minCoverage}%\n`);
    return report.summary.disagree === 0 && report.summary.lintErrors === 0 && !belowMin ? 0 : 1;
  } catch (error) {
    return reportCliError(error, io.stderr, CHECK_USAGE);
  }
}
