import { parseArgs } from 'node:util';
import type { SourceOrgIdMode } from '../../policy';
import { UserError } from '../errors';

const MODES: readonly SourceOrgIdMode[] = ['principal', 'source-vpc-owner', 'absent'];

export interface CheckArgs {
  /** Scenario names; empty with `all`. */
  scenarios: string[];
  all: boolean;
  dir: string;
  json: boolean;
  explain: boolean;
  /** Predict as if aws:SourceOrgID meant this, instead of the world's setting. */
  sourceOrgIdMode?: SourceOrgIdMode;
  /** Compare the policies as code with the deployed ones instead of predicting. */
  deployed: boolean;
  /** `local` or an environment file's name (one that names its world, without `deployed`). */
  env: string;
  /** The world to predict for (a name of <dir>/worlds/ or a file). */
  world?: string;
  /** Report which calls each policy statement decided (policy coverage). */
  coverage: boolean;
  /** With coverage: fail (exit 1) below this percentage of statements that decided a call. */
  minCoverage?: number;
  help: boolean;
}

export const CHECK_USAGE = `usage: npm run check -- [name ...] [options]
       npm run check -- --deployed [--env <name>] [--json]

Predicts every call of the scenarios from the world as code (scenarios/worlds/<world>.ts and its
policies, as the embedded local world enforces them), without sending anything, and says whether
each expectation agrees with the prediction and why; then lints the world's policies.

  name                        scenario file scenarios/<name>.ts (several allowed; none: every scenario)
  --all                       every scenario in the scenarios folder
  --dir <path>                scenarios folder (default: scenarios)
  --explain                   explain every call (disagreements are always explained)
  --json                      print one JSON document on stdout (schemaVersion 1)
  --source-org-id-mode <m>    predict as if aws:SourceOrgID meant: principal (the caller's organization),
                              source-vpc-owner (the source VPC owner's), or absent (never set);
                              default: the local world's setting
  --world <name|file>         the world to predict for: scenarios/worlds/<name>.ts (default: demo)
  --env <name>                predict for an environment file that names the world it mirrors
  --coverage                  policy coverage: which calls each statement of the auth policies and of
                              the callers' identity policies decided; statements no call exercises first
  --min-coverage <percent>    with --coverage: exit 1 when fewer statements than this decided a call

  --deployed                  instead: compare the auth policies as code with what the VPC Lattice
                              control plane has deployed (GetAuthPolicy, GetService, GetServiceNetwork),
                              semantically; per resource: same, differs, missing, inactive or error
  --env <name>                with --deployed: local (default: starts the embedded world and reads its
                              control plane) or <dir>/environments/<name>.ts, whose authPolicies
                              maps each service or service network ARN to its policy file

exit codes: 0 every expectation agrees with the prediction and no policy is invalid
              (--deployed: every deployed policy is the same as the code, and enforced),
            1 an expectation disagrees or a policy is invalid (or coverage is below --min-coverage)
              (--deployed: a policy differs, is missing or inactive, or could not be read),
            2 bad input or configuration`;

/** Options that only prediction reads: refused with --deployed rather than silently ignored. */
const PREDICTION_ONLY = ['all', 'explain', 'source-org-id-mode', 'coverage', 'min-coverage'] as const;

/** Parses the check command's arguments; mistakes are UserErrors. */
export function parseCheckArgs(argv: string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        all: { type: 'boolean', default: false },
        dir: { type: 'string', default: 'scenarios' },
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        env: { type: 'string', default: 'local' },
        world: { type: 'string' },
        'source-org-id-mode': { type: 'string' },
        deployed: { type: 'boolean', default: false },
        coverage: { type: 'boolean', default: false },
        'min-coverage': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.deployed) {
    if (positionals.length > 0) throw new UserError('USAGE', `--deployed compares every auth policy the environment maps and takes no scenario names (got ${positionals.join(', ')})`);
    for (const option of PREDICTION_ONLY) {
      if (values[option] !== undefined && values[option] !== false) throw new UserError('USAGE', `--${option} predicts from the policies and does not go with --deployed`);
    }
    return {
      scenarios: [],
      all: false,
      dir: values.dir,
      json: values.json,
      explain: false,
      deployed: true,
      coverage: false,
      env: values.env,
      ...(values.world !== undefined && { world: values.world }),
      help: values.help,
    };
  }
  if (values.world !== undefined && values.env !== 'local') {
    throw new UserError('USAGE', `give --world or --env, not both: environment "${values.env}" names the world it mirrors`);
  }
  if (values.all && positionals.length > 0) throw new UserError('USAGE', `name scenarios or use --all, not both (got ${positionals.join(', ')})`);
  const mode = values['source-org-id-mode'];
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) {
    throw new UserError('USAGE', `--source-org-id-mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  }
  const minText = values['min-coverage'];
  const minCoverage = minText === undefined ? undefined : Number(minText);
  if (minCoverage !== undefined && !(minText!.trim() !== '' && minCoverage >= 0 && minCoverage <= 100)) {
    throw new UserError('USAGE', `--min-coverage must be a percentage from 0 to 100, got "${minText}"`);
  }
  if (minCoverage !== undefined && !values.coverage) throw new UserError('USAGE', '--min-coverage goes with --coverage');
  return {
    scenarios: positionals,
    all: values.all || positionals.length === 0,
    coverage: values.coverage,
    ...(minCoverage !== undefined && { minCoverage }),
    dir: values.dir,
    json: values.json,
    explain: values.explain,
    ...(mode !== undefined && { sourceOrgIdMode: mode as SourceOrgIdMode }),
    deployed: false,
    ...(values.world !== undefined && { world: values.world }),
    env: values.env,
    help: values.help,
  };
}
