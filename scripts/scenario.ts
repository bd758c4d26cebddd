#!/usr/bin/env -S npx tsx
// npm run scenario -- <name ...> [--env <name>] [--reporter console|json[=file]] [--all]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { runScenarioCli } = await import('../harness/cli/runScenarioCli');

process.exitCode = await runScenarioCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env },
  // The embedded local world is loaded when a run uses it (not for another environment, --help or a bad argument).
  {
    startLocalWorld: async (spec) => (await import('../emulator/startLocalWorld')).startLocalWorld({ spec }),
  },
);
