#!/usr/bin/env -S npx tsx
// npm run report -- html <report.json ...> [--out file] [--compare previous.json]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { runReportCli } = await import('../harness/report/runReportCli');

process.exitCode = await runReportCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
