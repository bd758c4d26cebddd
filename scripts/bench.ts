/**
 * `npm run bench -- <name>` runs bench/<name>.ts: its default export, an async function that
 * prints its own figures. Without a name, lists the benchmarks.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';
import { importTypeScript } from '../world/importTypeScript';

prepareCliProcess();

const dir = resolve(import.meta.dirname, '../bench');
const names = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const name = process.argv[2];

if (!name || !names.includes(name)) {
  console.error(`${name ? `unknown benchmark "${name}". ` : ''}usage: npm run bench -- <${names.join(' | ')}>`);
  process.exit(2);
}
const module = (await importTypeScript(resolve(dir, `${name}.ts`))) as { default?: () => Promise<unknown> };
if (typeof module.default !== 'function') {
  console.error(`bench/${name}.ts has no default export to run`);
  process.exit(2);
}
await module.default();
