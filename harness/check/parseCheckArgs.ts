import type { SourceOrgIdMode } from '../../policy';
import { commandHelp, parseCommand, type CommandSpec } from '../cli/defineCommand';
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

export const CHECK_COMMAND: CommandSpec = {
  name: 'npm run check --',
  arguments: '[name...]',
  description:
    'Predicts every call of the scenarios from the world as code (scenarios/worlds/<world>.ts and its policies, as\n' +
    'the embedded local world enforces them), without sending anything, and says whether each expectation\n' +
    "agrees with the prediction and why; then lints the world's policies. With --deployed, compares the\n" +
    'policies as code with what the VPC Lattice control plane has deployed instead.',
  options: [
    {
      flags: '--all',
      description: 'every scenario in the scenarios folder (the default when no name is given)',
      default: false,
    },
    { flags: '--dir <path>', description: 'scenarios folder', default: 'scenarios' },
    { flags: '--explain', description: 'explain every call (disagreements are always explained)', default: false },
    { flags: '--json', description: 'print one JSON document on stdout (schemaVersion 1)', default: false },
    {
      flags: '--source-org-id-mode <m>',
      description:
        "predict as if aws:SourceOrgID meant: principal, source-vpc-owner or absent (default: the world's setting)",
    },
    {
      flags: '--world <name|file>',
      description: 'the world to predict for: scenarios/worlds/<name>.ts (default: demo)',
    },
    {
      flags: '--env <name>',
      description: 'predict for an environment file that names the world it mirrors; with --deployed, where to read',
      default: 'local',
    },
    {
      flags: '--coverage',
      description: 'which calls each policy statement decided; the statements no call exercises',
      default: false,
    },
    {
      flags: '--min-coverage <percent>',
      description: 'with --coverage: exit 1 below this percentage of statements that decided a call',
    },
    {
      flags: '--deployed',
      description:
        'compare the auth policies as code with the deployed ones (GetAuthPolicy, GetService, GetServiceNetwork), ' +
        'and, when the environment names its world and readers, the whole world (networks, services, associations, ' +
        'caller roles, relays, guardrails): same, differs, missing, inactive, extra or error per resource',
      default: false,
    },
  ],
  epilog:
    'exit codes: 0 every expectation agrees with the prediction and no ' +
    'policy is invalid (--deployed: every deployed\n' +
    '            policy is the same as the code, and enforced), 1 an expectation disagrees or a policy is invalid\n' +
    '            (--deployed: a policy differs, is missing or inactive, or could not be read), 2 bad input',
};

export const CHECK_USAGE = commandHelp(CHECK_COMMAND);

/** Options that only prediction reads: refused with --deployed rather than silently ignored. */
const PREDICTION_ONLY = ['all', 'explain', 'source-org-id-mode', 'coverage', 'min-coverage'] as const;

/** Parses the check command's arguments; mistakes are UserErrors. */
export function parseCheckArgs(argv: string[]): CheckArgs {
  const parsed = parseCommand(CHECK_COMMAND, argv);
  if (parsed.help) {
    return {
      scenarios: [],
      all: false,
      dir: 'scenarios',
      json: false,
      explain: false,
      deployed: false,
      env: 'local',
      coverage: false,
      help: true,
    };
  }
  const { positionals } = parsed;
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const values = {
    all: v.all as boolean,
    dir: v.dir as string,
    json: v.json as boolean,
    explain: v.explain as boolean,
    env: v.env as string,
    world: v.world as string | undefined,
    'source-org-id-mode': v.sourceOrgIdMode as string | undefined,
    deployed: v.deployed as boolean,
    coverage: v.coverage as boolean,
    'min-coverage': v.minCoverage as string | undefined,
    help: false,
  };
  if (values.deployed) {
    if (positionals.length > 0)
      throw new UserError(
        'USAGE',
        `--deployed compares every auth policy the environment maps and takes ` +
          `no scenario names (got ${positionals.join(', ')})`,
      );
    for (const option of PREDICTION_ONLY) {
      if (values[option] !== undefined && values[option] !== false)
        throw new UserError('USAGE', `--${option} predicts from the policies and does not go with --deployed`);
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
    throw new UserError(
      'USAGE',
      `give --world or --env, not both: environment "${values.env}" names the world it mirrors`,
    );
  }
  if (values.all && positionals.length > 0)
    throw new UserError('USAGE', `name scenarios or use --all, not both (got ${positionals.join(', ')})`);
  const mode = values['source-org-id-mode'];
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) {
    throw new UserError('USAGE', `--source-org-id-mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  }
  const minText = values['min-coverage'];
  const minCoverage = minText === undefined ? undefined : Number(minText);
  if (minCoverage !== undefined && !(minText!.trim() !== '' && minCoverage >= 0 && minCoverage <= 100)) {
    throw new UserError('USAGE', `--min-coverage must be a percentage from 0 to 100, got "${minText}"`);
  }
  if (minCoverage !== undefined && !values.coverage)
    throw new UserError('USAGE', '--min-coverage goes with --coverage');
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
