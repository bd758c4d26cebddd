import type { ReportFrame, ReportResult } from '../report/reportData';
import { renderHtmlPage } from '../report/renderHtmlPage';
import type { Writable } from './consoleReporter';
import { buildJsonReportFrame, endOfRunReporter, type JsonReporterOptions, toJsonRecord } from './jsonReporter';
import type { Reporter } from './Reporter';

export type HtmlReporterOptions = JsonReporterOptions;

/**
 * Writes the run as one self-contained HTML page when it ends: the same data as the JSON report
 * (renderHtmlPage). It holds no results: the page reads them from the run's summary (a result log
 * when the scenario command runs) as often as it needs, each as the JSON report's record. A run
 * stopped by an internal error still writes its page, with the error.
 */
export function htmlReporter(out: Writable = process.stdout, options: HtmlReporterOptions = {}): Reporter {
  return endOfRunReporter(out, options, (run, summary) => {
    const results: Iterable<ReportResult> = {
      *[Symbol.iterator]() {
        for (const r of summary.results) yield toJsonRecord(r, run.insights) as ReportResult;
      },
    };
    renderHtmlPage(out, { report: buildJsonReportFrame(run, summary, []) as ReportFrame, results });
  });
}
