import { formatCoverage } from '../check/coverageText';
import type { Writable } from '../reporters/consoleReporter';
import type { Reporter } from '../reporters/Reporter';
import type { RunInsights } from './predictRun';

/**
 * A few lines after the console summary: how many policy statements the run's calls exercised,
 * and which ones none did (a Deny that never fired first). Silent when the world is unknown.
 */
export function coverageReporter(out: Writable, insights: () => RunInsights | undefined): Reporter {
  return {
    printsToStdio: () => false,
    onEnd() {
      const coverage = insights()?.coverage;
      if (coverage) out.write(formatCoverage(coverage, { limit: 5 }));
    },
  };
}
