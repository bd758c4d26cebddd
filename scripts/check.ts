#!/usr/bin/env -S npx tsx
// npm run check -- [name ...] [--all] [--dir scenarios] [--json] [--explain]
// npm run check -- --deployed [--env <name>] [--json]
import { runCheckCli } from '../harness/check/runCheckCli';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { startLocalWorld } from '../emulator/startLocalWorld';


quietSdkNodeWarning();

process.exitCode = await runCheckCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, { startLocalWorld: (spec) => startLocalWorld({ spec }) });
