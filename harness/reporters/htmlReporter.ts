import type { ReportFrame, ReportResult } from '../report/reportData';
import { renderHtmlPage } from '../report/renderHtmlPage';
import type { Writable } from './consoleReporter';
import { buildJsonReportFrame, endOfRunReporter, type JsonReporterOptions, toJsonRecord } from './jsonReporter';
import type { Reporter } from './Reporter';

export interface HtmlReporterOptions extends JsonReporterOptions {
  /** Passed calls the page shows (default DEFAULT_MAX_PASSED): the others are counted, not shown. */
  maxPassed?: number;
}

/**
 * Writes the run as one self-contained HTML page when it ends: the same data as the JSON report
 * (renderHtmlPage). It holds no results: the page reads them from the run's summary (a result log
 * when the scenario command runs) as often as it needs, each as the JSON report's record. A run
 * stopped by an internal error still writes its page, with the error. Beyond `maxPassed` passed
 * calls, the page counts the others without showing them.
 */
export function htmlReporter(out: Writable = process.stdout, options: HtmlReporterOptions = {}): Reporter {
  return endOfRunReporter(out, options, (run, summary) => {
    const results: Iterable<ReportResult> = {
      *[Symbol.iterator]() {
        for (const r of summary.results) yield toJsonRecord(r, run.insights) as ReportResult;
      },
    };
    const report = buildJsonReportFrame(run, summary, []) as ReportFrame;
    renderHtmlPage(out, { report, results, maxPassed: options.maxPassed });
  });
}
