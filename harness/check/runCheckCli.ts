import type { LocalWorld } from '../../emulator/startLocalWorld';
import { UserError } from '../errors';
import { reportCliError } from '../cli/reportCliError';
import type { WorldSpec } from '../../emulator/world/types';
import { seedWorld } from '../../emulator/world/seedWorld';
import type { Writable } from '../reporters/consoleReporter';
import { resolvePlan } from '../resolve/resolvePlan';
import { checkPlan } from './checkPlan';
import { runDeployedCheck } from './deployed/runDeployedCheck';
import { findPolicyFiles, POLICIES_DIR } from './findPolicyFiles';
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
  /** The world to predict for (tests give one with other policies); default `seedWorld()`. */
  world?: () => WorldSpec;
  /** Where the world's policy files are, to name them (default scenarios/policies). */
  policiesDir?: string;
  /** The time requests are predicted at (default: now). */
  now?: Date;
  /** A running local world whose control plane `--deployed --env local` reads, instead of starting one (it is left running). */
  localWorld?: LocalWorld;
}

function loadWorld(deps: CheckCliDeps): WorldSpec {
  try {
    return (deps.world ?? seedWorld)();
  } catch (error) {
    // The world reads scenarios/policies/*.json: a file that is missing or not JSON is the user's to fix.
    throw new UserError('CONFIG_INVALID', (error as Error).message);
  }
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
      return await runDeployedCheck(args, { stdout: io.stdout, env: io.env ?? process.env, cwd: io.cwd ?? process.cwd() }, {
        world: () => loadWorld(deps),
        policiesDir: deps.policiesDir ?? POLICIES_DIR,
        localWorld: deps.localWorld,
      });
    }
    const world = loadWorld(deps);
    const plan = await resolvePlan({ dir: args.dir, all: args.all, names: args.scenarios }, localCheckEnvironment(world));
    const sourceOrgIdMode = args.sourceOrgIdMode ?? world.sourceOrgIdMode;
    const report = checkPlan(plan, world, { sourceOrgIdMode, now: deps.now, policyFiles: findPolicyFiles(world, deps.policiesDir ?? POLICIES_DIR) });
    const cwd = io.cwd ?? process.cwd();
    if (args.json) io.stdout.write(`${JSON.stringify(toCheckJson(report, { sourceOrgIdMode, cwd }), null, 2)}\n`);
    else io.stdout.write(formatCheckReport(report, { explain: args.explain, sourceOrgIdMode, cwd }));
    return report.summary.disagree === 0 && report.summary.lintErrors === 0 ? 0 : 1;
  } catch (error) {
    return reportCliError(error, io.stderr, CHECK_USAGE);
  }
}
