import type { Writable } from '../reporters/consoleReporter';
import { reportCliError } from '../cli/reportCliError';
import { UserError } from '../errors';
import { MERGE_USAGE, runMergeCli } from './runMergeCli';

export interface ReportCliIo { stdout: Writable; stderr: Writable; env: NodeJS.ProcessEnv }

export const REPORT_USAGE = `usage: npm run report -- <subcommand> ...

  merge <report.json ...> [--reporter json|junit|github[=file] ...]
                          join the JSON reports of a plan's shards (--shard i/n) into one report

${MERGE_USAGE}`;

/** `npm run report -- <subcommand>`: a switch over the subcommands; returns the exit code. */
export async function runReportCli(argv: string[], io: ReportCliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  try {
    switch (subcommand) {
      case 'merge':
        return await runMergeCli(rest, io);
      case '--help':
      case '-h':
        io.stdout.write(`${REPORT_USAGE}\n`);
        return 0;
      default:
        throw new UserError('USAGE', subcommand ? `unknown subcommand "${subcommand}"` : 'name a subcommand');
    }
  } catch (error) {
    return reportCliError(error, io.stderr, REPORT_USAGE);
  }
}
