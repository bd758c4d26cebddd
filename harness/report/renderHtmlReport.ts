import { compareReports } from './compareReports';
import type { ReportDoc } from './reportData';
import { renderHtmlPage } from './renderHtmlPage';

export interface HtmlReportOptions {
  /** A previous run to compare with: what changed since. */
  previous?: ReportDoc;
  /** Passed calls the page shows (renderHtmlPage's `maxPassed`). */
  maxPassed?: number;
}

/**
 * A report held in memory as one self-contained HTML page (renderHtmlPage), with `previous`
 * what changed since that run.
 */
export function renderHtmlReport(report: ReportDoc, options: HtmlReportOptions = {}): string {
  const comparison = options.previous ? compareReports(options.previous, report) : undefined;
  const pieces: string[] = [];
  const page = { report, results: report.results, comparison, maxPassed: options.maxPassed };
  renderHtmlPage({ write: (text: string) => pieces.push(text) }, page);
  return pieces.join('');
}
