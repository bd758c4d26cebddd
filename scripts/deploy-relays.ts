#!/usr/bin/env -S npx tsx
// npm run deploy-relays -- --config relays.json [--account <name>...] [--dry-run]: the relay in each consumer account.
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { runDeployRelaysCli } = await import('../relay/deploy/runDeployRelaysCli');

process.exitCode = await runDeployRelaysCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
