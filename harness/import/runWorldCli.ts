import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors';
import { commandHelp, parseCommand, type CommandSpec } from '../cli/defineCommand';
import { reportCliError } from '../cli/reportCliError';
import type { Writable } from '../reporters/consoleReporter';
import { resolveNamedEnvironment } from '../resolve/resolvePlan';
import { Redactor } from '../run/Redactor';
import { importWorld } from './importWorld';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const WORLD_COMMAND: CommandSpec = {
  name: 'npm run world --',
  arguments: '[command]',
  description:
    "import: read an environment's deployed organization (read-only) and write it as a world file, with its\n" +
    'policies as JSON files beside it.',
  options: [
    { flags: '--env <name>', description: 'the environment to read: scenarios/environments/<name>.ts' },
    { flags: '--out <file>', description: 'the world file to write (default: <dir>/worlds/<env>.ts)' },
    { flags: '--dir <path>', description: 'scenarios folder', default: 'scenarios' },
  ],
  epilog: 'exit codes: 0 the world was written, 2 a mistake or a part that could not be read (nothing is written)',
};

export const WORLD_USAGE = commandHelp(WORLD_COMMAND);

export interface WorldCliIo {
  stdout: Writable;
  stderr: Writable;
  env?: NodeJS.ProcessEnv;
}

/** `npm run world -- import --env <name> [--out <file>]`: exit 0 written, 2 a mistake or a failed read. */
export async function runWorldCli(argv: string[], io: WorldCliIo): Promise<number> {
  const redactor = new Redactor();
  try {
    const command = parseCommand(WORLD_COMMAND, argv);
    if (command.help) {
      io.stdout.write(`${WORLD_USAGE}\n`);
      return 0;
    }
    const parsed = {
      positionals: command.positionals,
      values: command.values as { env?: string; out?: string; dir: string },
    };
    if (parsed.positionals[0] !== 'import' || parsed.positionals.length !== 1)
      throw new UserError('USAGE', 'the one command is `import`');
    const envName = parsed.values.env;
    if (!envName || envName === 'local')
      throw new UserError('USAGE', 'import needs --env <name> of scenarios/environments/<name>.ts');
    const env = await resolveNamedEnvironment(envName, parsed.values.dir!, io.env ?? process.env);
    const out = resolve(parsed.values.out ?? `${parsed.values.dir}/worlds/${envName}.ts`);
    const { files, notes } = await importWorld(env, {
      out,
      root: ROOT,
      onCredentials: (c) => redactor.add(c.secretAccessKey, c.sessionToken),
    });
    io.stdout.write(
      redactor.redact(
        `wrote ${files.length} ` +
          `files:\n${files.map((f) => `  ${f}\n`).join('')}${notes.map((n) => `note: ${n}\n`).join('')}`,
      ),
    );
    return 0;
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: unknown };
    // An AWS refusal (access denied, not found, throttled past the retries) is the environment's, not a bug.
    if (e?.$metadata !== undefined)
      return reportCliError(new UserError('AWS', `${e.name}: ${e.message}`), io.stderr, WORLD_USAGE, (t) =>
        redactor.redact(t),
      );
    return reportCliError(error, io.stderr, WORLD_USAGE, (t) => redactor.redact(t));
  }
}
