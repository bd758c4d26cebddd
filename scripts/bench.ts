/**
 * `npm run bench -- <name>` runs bench/<name>.ts: its default export, an async function that
 * prints its own figures. Without a name, lists the benchmarks.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';
import { commandHelp, parseCommand, type CommandSpec } from '../harness/cli/defineCommand';
import { UserError } from '../harness/errors';
import { importTypeScript } from '../world/importTypeScript';

prepareCliProcess();

const dir = resolve(import.meta.dirname, '../bench');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const BENCH_COMMAND: CommandSpec = {
  name: 'npm run bench --',
  arguments: '[name]',
  description: `Runs one benchmark of bench/ and prints its figures and its ratio: ${names.join(', ')}.`,
  options: [],
  epilog: 'exit codes: 0 the benchmark ran (its goals are printed, not enforced), 2 bad input',
};

let name: string | undefined;
try {
  const parsed = parseCommand(BENCH_COMMAND, process.argv.slice(2));
  if (parsed.help) {
    process.stdout.write(`${parsed.text}\n`);
    process.exit(0);
  }
  name = parsed.positionals[0];
  if (!name) throw new UserError('USAGE', `name a benchmark: ${names.join(', ')}`);
  if (!names.includes(name)) throw new UserError('USAGE', `unknown benchmark "${name}" (expected ${names.join(', ')})`);
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  process.stderr.write(`error: ${error.message}\n\n${commandHelp(BENCH_COMMAND)}\n`);
  process.exit(2);
}
const module = (await importTypeScript(resolve(dir, `${name}.ts`))) as { default?: () => Promise<unknown> };
if (typeof module.default !== 'function') {
  process.stderr.write(`bench/${name}.ts has no default export to run\n`);
  process.exit(2);
}
await module.default();
