#!/usr/bin/env -S npx tsx
// npm run report -- html <report.json ...> [--out file] [--compare previous.json]
// npm run report -- merge <report.json ...> [--reporter junit=... --reporter github --reporter json=...]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

prepareCliProcess();
const { runReportCli } = await import('../harness/report/runReportCli');

process.exitCode = await runReportCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
