#!/usr/bin/env -S npx tsx
// npm run emulator -- [--env-file FILE] [--ca-file FILE] [--propagation-delay MS]
import { runEmulator } from '../emulator/standalone/runEmulator';

process.exitCode = await runEmulator(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
