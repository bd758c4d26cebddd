import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
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

export const MERGE_USAGE = `usage: npm run report -- merge <report.json ...> [--reporter <r>[=file] ...]

  report.json             JSON reports (--reporter json=...) of the shards of one plan (--shard i/n),
                          every part once; or of any runs of one environment, joined in order
  --reporter json[=file]  the merged JSON report (default: json on stdout)
  --reporter junit[=file] the merged JUnit XML
  --reporter github[=file] the Markdown summary, appended to the file or to $GITHUB_STEP_SUMMARY

exit codes: 0 every expectation held, 1 an expectation failed (or a part stopped on an error), 2 bad input`;

function parseOutputs(values: string[] | undefined): Output[] {
  const outputs = (values ?? ['json']).map((text): Output => {
    const [kind, file] = text.split(/=(.*)/s);
    if (!(KINDS as readonly string[]).includes(kind)) throw new UserError('USAGE', `unknown reporter "${kind}" for merge (expected ${KINDS.join(', ')})`);
    return { kind: kind as Output['kind'], file: file || undefined };
  });
  const onStdout = outputs.filter((o) => !o.file && o.kind !== 'github');
  if (onStdout.length > 1) throw new UserError('USAGE', 'only one of json and junit may write to stdout: give the other a file');
  return outputs;
}

async function readReport(file: string): Promise<JsonReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError('REPORT_UNREADABLE', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError('REPORT_INVALID', `${file}: not JSON (${(error as Error).message})`);
  }
  return readJsonReport(file, value);
}

/** `report merge`: joins JSON reports into one JSON, JUnit and GitHub summary; returns the exit code. */
export async function runMergeCli(argv: string[], io: ReportCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { reporter: { type: 'string', multiple: true } } });
  } catch (error) {
    throw new UserError('USAGE', (error as Error).message);
  }
  const outputs = parseOutputs(parsed.values.reporter);
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
        const text = renderJunit(plan, summary, { name, startedAt, maxResponseChars: 64 * 1024, errors: merged.errors });
        await (output.file ? writeReportFile(output.file, text) : io.stdout.write(text));
        break;
      }
      case 'github': {
        const file = output.file ?? io.env?.GITHUB_STEP_SUMMARY;
        if (!file) throw new UserError('USAGE', '--reporter github needs a file or $GITHUB_STEP_SUMMARY');
        await appendReportFile(file, renderSummary(plan, summary, { maxResponseChars: 4000, maxDetails: 50, errors: merged.errors }));
        break;
      }
    }
  }
  return summary.failed === 0 && (merged.errors ?? []).length === 0 ? 0 : 1;
}
