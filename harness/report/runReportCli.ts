import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { commandHelp, parseCommand, type CommandSpec } from '../cli/defineCommand';
import { reportCliError } from '../cli/reportCliError';
import { UserError } from '../errors';
import type { Writable } from '../reporters/consoleReporter';
import { compareReports } from './compareReports';
import { mergeForPage, readReportDoc } from './readReportDoc';
import { renderHtmlReport } from './renderHtmlReport';
import { DEFAULT_MAX_PASSED, parseMaxPassed } from './selectShownCalls';
import { MERGE_COMMAND, runMergeCli } from './runMergeCli';

export interface ReportCliIo {
  stdout: Writable;
  stderr: Writable;
  env?: NodeJS.ProcessEnv;
}

/** `npm run report -- html`: its options, help and errors. */
export const HTML_COMMAND: CommandSpec = {
  name: 'npm run report -- html',
  arguments: '[report.json...]',
  description:
    'Renders JSON reports (--reporter json=<file>) as one self-contained HTML page; several reports are one run.',
  options: [
    { flags: '--out <file>', description: 'where to write the page (default: stdout)' },
    {
      flags: '--compare <previous.json>',
      description: "a previous run's JSON report: the page says what changed since, and a line per change is printed",
    },
    {
      flags: '--html-max-passed <n>',
      description: 'passed calls the page shows (every failed, flaky or disagreeing call is); the others are counted',
      default: String(DEFAULT_MAX_PASSED),
    },
  ],
};

/** The report command's help: each subcommand's, from its definition. */
export const REPORT_USAGE = [
  'usage: npm run report -- <html | merge> ...',
  '',
  commandHelp(HTML_COMMAND),
  '',
  commandHelp(MERGE_COMMAND),
  '',
  'exit codes: 0 the page was written (merge: every call held), 1 (merge) an expectation failed, 2 bad input',
].join('\n');

async function runHtml(argv: string[], io: ReportCliIo): Promise<number> {
  const parsed = parseCommand(HTML_COMMAND, argv);
  if (parsed.help) {
    io.stdout.write(`${parsed.text}\n`);
    return 0;
  }
  const values = parsed.values as { out?: string; compare?: string; htmlMaxPassed: string };
  const maxPassed = parseMaxPassed(values.htmlMaxPassed);
  const positionals = parsed.positionals;
  if (positionals.length === 0) {
    throw new UserError('USAGE', 'name at least one JSON report (npm run report -- html reports/run.json)');
  }
  const docs = await Promise.all(positionals.map(async (file) => readReportDoc(file, await readText(file))));
  const report = mergeForPage(docs);
  const { compare } = values;
  const previous = compare === undefined ? undefined : readReportDoc(compare, await readText(compare));
  const html = renderHtmlReport(report, { previous, maxPassed });
  if (values.out === undefined) io.stdout.write(html);
  else {
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, html);
  }
  if (previous) {
    const c = compareReports(previous, report);
    const out = values.out === undefined ? io.stderr : io.stdout;
    const counts = `${c.changed.length} changed, ${c.added.length} new, ${c.removed.length} removed`;
    out.write(`since ${previous.startedAt}: ${counts}\n`);
    for (const x of c.changed) out.write(`  CHANGED  ${x.id}: ${x.what.join('; ')}\n`);
  }
  return 0;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError('CONFIG_INVALID', `cannot read ${file}: ${why}`);
  }
}

/** The `report` command: a subcommand over saved reports. Returns the exit code. */
export async function runReportCli(argv: string[], io: ReportCliIo): Promise<number> {
  try {
    const [subcommand, ...rest] = argv;
    switch (subcommand) {
      case 'html':
        return await runHtml(rest, io);
      case 'merge':
        return await runMergeCli(rest, { ...io, env: io.env ?? process.env });
      case '--help':
      case '-h':
        io.stdout.write(`${REPORT_USAGE}\n`);
        return 0;
      default:
        throw new UserError(
          'USAGE',
          subcommand === undefined
            ? 'name a subcommand: html or merge'
            : `unknown subcommand "${subcommand}" (expected html or merge)`,
        );
    }
  } catch (error) {
    return reportCliError(error, io.stderr, REPORT_USAGE);
  }
}
