import type { RunInsights } from '../report/predictRun';
import type { ReportDoc } from '../report/reportData';
import { renderHtmlReport } from '../report/renderHtmlReport';
import type { Plan } from '../resolve/types';
import type { Writable } from './consoleReporter';
import { buildJsonReport } from './jsonReporter';
import type { Reporter, RunError } from './Reporter';

export interface HtmlReporterOptions {
  /** Whether `out` is the process's standard output (default: it is `process.stdout`). */
  stdio?: boolean;
  /** Predictions and policy coverage from the environment's world, once the run is planned. */
  insights?: () => RunInsights | undefined;
}

/**
 * Writes the run as one self-contained HTML page when it ends: the same data as the JSON report
 * (renderHtmlReport). A run stopped by an internal error still writes its page, with the error.
 */
export function htmlReporter(out: Writable = process.stdout, options: HtmlReporterOptions = {}): Reporter {
  let plan: Plan | undefined;
  const errors: RunError[] = [];
  const startedAt = new Date().toISOString();
  return {
    printsToStdio: () => ((options.stdio ?? out === process.stdout) ? 'document' : false),
    onBegin(p) {
      plan = p;
    },
    onError(error) {
      errors.push({ message: error.message });
    },
    onEnd(summary) {
      const doc = buildJsonReport({ plan, startedAt, errors, insights: options.insights?.() }, summary);
      out.write(renderHtmlReport(doc as ReportDoc));
    },
  };
}
