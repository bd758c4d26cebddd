// `node scripts/run.mjs <command> [args...]`: runs the bundled command dist/<command>.js, building
// the bundles first when a source file is newer (so an edited checkout never runs stale code).
import { pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale, commands } from './build.mjs';

const name = process.argv[2];
if (!name || !commands().includes(name)) {
  process.stderr.write(`usage: node scripts/run.mjs <${commands().join(' | ')}> [args...]\n`);
  process.exit(2);
}
if (await buildIfStale()) process.stderr.write(`(sources changed: rebuilt dist/)\n`);
// The command reads its own arguments from argv[2] on.
process.argv.splice(2, 1);
await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', `${name}.js`)).href);
