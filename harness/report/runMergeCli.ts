import { readFile } from 'node:fs/promises';
import { parseCommand, type CommandSpec } from '../cli/defineCommand';
import { UserError } from '../errors';
import { renderSummary } from '../reporters/githubReporter';
import { toInertJson } from '../reporters/jsonReporter';
import { renderJunit } from '../reporters/junitReporter';
import type { ReportCliIo } from './runReportCli';
import { mergeReports, readJsonReport, type JsonReport } from './mergeReports';
import { resultsFromReport } from './resultsFromReport';
import { writeReportFile, appendReportFile } from './writeReportFile';

const KINDS = ['json', 'junit', 'github'] as const;
type Output = { kind: (typeof KINDS)[number]; file?: string };

function parseOutputs(values: string[] | undefined): Output[] {
  const outputs = (values ?? ['json']).map((text): Output => {
    const [kind, file] = text.split(/=(.*)/s);
    if (!(KINDS as readonly string[]).includes(kind))
      throw new UserError('USAGE', `unknown reporter "${kind}" for merge (expected ${KINDS.join(', ')})`);
    return { kind: kind as Output['kind'], file: file || undefined };
  });
  const onStdout = outputs.filter((o) => !o.file && o.kind !== 'github');
  if (onStdout.length > 1)
    throw new UserError('USAGE', 'only one of json and junit may write to stdout: give the other a file');
  return outputs;
}

async function readReport(file: string): Promise<JsonReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      'REPORT_UNREADABLE',
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError('REPORT_INVALID', `${file}: not JSON (${(error as Error).message})`);
  }
  return readJsonReport(file, value);
}

/** `npm run report -- merge`: its options, help and errors. */
export const MERGE_COMMAND: CommandSpec = {
  name: 'npm run report -- merge',
  arguments: '[report.json...]',
  description:
    "Joins the JSON reports of a plan's shards (--shard i/n) into one JSON report, JUnit and GitHub summary.",
  options: [
    {
      flags: '--reporter <r[=file]>',
      description: 'json, junit or github, to a file or stdout (github: $GITHUB_STEP_SUMMARY); may be repeated',
      repeatable: true,
    },
  ],
};

/** `report merge`: joins JSON reports into one JSON, JUnit and GitHub summary; returns the exit code. */
export async function runMergeCli(argv: string[], io: ReportCliIo): Promise<number> {
  const parsed = parseCommand(MERGE_COMMAND, argv);
  if (parsed.help) {
    io.stdout.write(`${parsed.text}\n`);
    return 0;
  }
  const outputs = parseOutputs(parsed.values.reporter as string[] | undefined);
  const files = parsed.positionals;
  if (files.length === 0) throw new UserError('USAGE', 'name the JSON reports to merge');
  const reports = [];
  for (const file of files) reports.push({ file, report: await readReport(file) });
  const merged = mergeReports(reports);
  const { plan, summary } = resultsFromReport('(merged)', merged);
  for (const output of outputs) {
    switch (output.kind) {
      case 'json': {
        const text = `${toInertJson(merged, 2)}\n`;
        await (output.file ? writeReportFile(output.file, text) : io.stdout.write(text));
        break;
      }
      case 'junit': {
        const startedAt = new Date(merged.startedAt);
        const name = `lattice-e2e (${plan.environment.name})`;
        const text = renderJunit(plan, summary, {
          name,
          startedAt,
          maxResponseChars: 64 * 1024,
          errors: merged.errors,
        });
        await (output.file ? writeReportFile(output.file, text) : io.stdout.write(text));
        break;
      }
      case 'github': {
        const file = output.file ?? io.env?.GITHUB_STEP_SUMMARY;
        if (!file) throw new UserError('USAGE', '--reporter github needs a file or $GITHUB_STEP_SUMMARY');
        await appendReportFile(
          file,
          renderSummary(plan, summary, { maxResponseChars: 4000, maxDetails: 50, errors: merged.errors }),
        );
        break;
      }
    }
  }
  return summary.failed === 0 && (merged.errors ?? []).length === 0 ? 0 : 1;
}
