import { parseArgs } from 'node:util';
import { UserError } from '../errors';

export type ReporterChoice = { kind: 'console' | 'json'; file?: string };

export interface CliArgs {
  scenarios: string[];
  all: boolean;
  env: string;
  dir: string;
  reporters: ReporterChoice[];
  concurrency: number;
  help: boolean;
}

export const USAGE = `usage: npm run scenario -- [name ...] [options]

  name                    scenario file scenarios/<name>.ts (several allowed)
  --all                   run every scenario in the scenarios folder
  --env <name>            environment: scenarios/environments/<name>.ts, or "local" (default),
                          the embedded local world
  --reporter <r>[=file]   console (default) or json; may be repeated
  --concurrency <n>       calls in flight at once (default 4)
  --dir <path>            scenarios folder (default: scenarios)

exit codes: 0 every expectation held, 1 an expectation failed, 2 bad input or configuration`;

/** Parses the scenario command's arguments; mistakes are UserErrors. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        all: { type: 'boolean', default: false },
        env: { type: 'string', default: 'local' },
        dir: { type: 'string', default: 'scenarios' },
        reporter: { type: 'string', multiple: true },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  const reporters = (values.reporter ?? ['console']).map((text): ReporterChoice => {
    const [kind, file] = text.split(/=(.*)/s);
    if (kind !== 'console' && kind !== 'json') throw new UserError('USAGE', `unknown reporter "${kind}" (expected console or json)`);
    return { kind, file: file || undefined };
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserError('USAGE', `--concurrency must be an integer from 1 to 64, got ${values.concurrency}`);
  if (!values.help && !values.all && positionals.length === 0) throw new UserError('USAGE', 'name a scenario (or use --all)');
  return { scenarios: positionals, all: values.all, env: values.env, dir: values.dir, reporters, concurrency, help: values.help };
}
