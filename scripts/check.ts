#!/usr/bin/env -S npx tsx
// npm run check -- [name ...] [--all] [--dir scenarios] [--json] [--explain]
// npm run check -- --deployed [--env <name>] [--json]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { runCheckCli } = await import('../harness/check/runCheckCli');

process.exitCode = await runCheckCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr },
  // The embedded local world is loaded only when a check runs against it (--deployed, local environment).
  {
    startLocalWorld: async (spec) => (await import('../emulator/startLocalWorld')).startLocalWorld({ spec }),
  },
);
