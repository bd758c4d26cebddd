#!/usr/bin/env -S npx tsx
// npm run emulator -- [--env-file FILE] [--ca-file FILE] [--propagation-delay MS]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { runEmulator } = await import('../emulator/standalone/runEmulator');

process.exitCode = await runEmulator(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
