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
  help: boolean;
}

export const CHECK_USAGE = `usage: npm run check -- [name ...] [options]

Predicts every call of the scenarios from the policies as code (scenarios/policies/*.json, as the
embedded local world enforces them), without sending anything, and says whether each expectation
agrees with the prediction and why; then lints the world's policies.

  name                        scenario file scenarios/<name>.ts (several allowed; none: every scenario)
  --all                       every scenario in the scenarios folder
  --dir <path>                scenarios folder (default: scenarios)
  --explain                   explain every call (disagreements are always explained)
  --json                      print one JSON document on stdout (schemaVersion 1)
  --source-org-id-mode <m>    predict as if aws:SourceOrgID meant: principal (the caller's organization),
                              source-vpc-owner (the source VPC owner's), or absent (never set);
                              default: the local world's setting
  --env local                 the only environment check predicts for

exit codes: 0 every expectation agrees with the prediction and no policy is invalid,
            1 an expectation disagrees or a policy is invalid, 2 bad input or configuration`;

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
        'source-org-id-mode': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.env !== 'local') {
    throw new UserError('USAGE', `check predicts from the local world's policies only: --env must be "local", got "${values.env}"`);
  }
  if (values.all && positionals.length > 0) throw new UserError('USAGE', `name scenarios or use --all, not both (got ${positionals.join(', ')})`);
  const mode = values['source-org-id-mode'];
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) {
    throw new UserError('USAGE', `--source-org-id-mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  }
  return {
    scenarios: positionals,
    all: values.all || positionals.length === 0,
    dir: values.dir,
    json: values.json,
    explain: values.explain,
    ...(mode !== undefined && { sourceOrgIdMode: mode as SourceOrgIdMode }),
    help: values.help,
  };
}
