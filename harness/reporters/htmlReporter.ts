import type { ReportDoc } from '../report/reportData';
import { renderHtmlReport } from '../report/renderHtmlReport';
import type { Writable } from './consoleReporter';
import { documentReporter, type JsonReporterOptions } from './jsonReporter';
import type { Reporter } from './Reporter';

export type HtmlReporterOptions = JsonReporterOptions;

/**
 * Writes the run as one self-contained HTML page when it ends: the same data as the JSON report
 * (renderHtmlReport). A run stopped by an internal error still writes its page, with the error.
 */
export function htmlReporter(out: Writable = process.stdout, options: HtmlReporterOptions = {}): Reporter {
  return documentReporter(out, options, (doc) => renderHtmlReport(doc as ReportDoc));
}
