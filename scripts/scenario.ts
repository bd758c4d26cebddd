#!/usr/bin/env -S npx tsx
// npm run scenario -- <name ...> [--env <name>] [--reporter console|json[=file]] [--all]
import { runScenarioCli } from '../harness/cli/runScenarioCli';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { startLocalWorld } from '../emulator/startLocalWorld';


quietSdkNodeWarning();

process.exitCode = await runScenarioCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, { startLocalWorld: (spec) => startLocalWorld({ spec }) });
