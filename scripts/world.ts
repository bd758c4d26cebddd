#!/usr/bin/env -S npx tsx
// npm run world -- import --env <name> [--out scenarios/worlds/<name>.ts]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { runWorldCli } = await import('../harness/import/runWorldCli');

process.exitCode = await runWorldCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
