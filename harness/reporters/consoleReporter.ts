import { formatOutcome, responseText } from '../classify/outcome';
import { formatExpectation } from '../judge/judgeOutcome';
import type { CallResult, RetryInfo } from '../run/runCall';
import { escapeControls } from '../text/escapeControls';
import { writeTable } from './formatTable';
import type { Reporter, RunError } from './Reporter';

export interface Writable {
  write(text: string): unknown;
}

type Paint = (code: number, text: string) => string;
/** A mark per call status; the compiler demands one for every status. */
const MARKS: Record<CallResult['status'], (paint: Paint) => string> = {
  passed: (paint) => paint(32, 'PASS'),
  failed: (paint) => paint(31, 'FAIL'),
  flaky: (paint) => paint(33, 'FLAKY'),
};

const RETRY_REASONS: Record<RetryInfo['reason'], string> = {
  transient: 'transient failure',
  inconsistent: 'not consistent yet',
  confirming: 'holds now, confirming it keeps holding',
};

/** The widest response text shown: Lattice's AccessDenied text, ARNs and all, fits whole. */
export const RESPONSE_WIDTH = 400;

/** Text on one line, every control character escaped (see escapeControls), clipped to `max` characters. */
function clip(text: string, max = 300): string {
  const flat = escapeControls(text);
  if (flat.length <= max) return flat;
  // Never end on half a surrogate pair.
  const end = /[\ud800-\udbff]/.test(flat[max - 1]) ? max - 1 : max;
  return `${flat.slice(0, end)}… (${flat.length} chars)`;
}

/** The final table's row for each result. */
function* tableRows(results: Iterable<CallResult>): Generator<string[]> {
  for (const r of results) {
    yield [
      r.status.toUpperCase(),
      clip(r.call.id, 200),
      clip(formatExpectation(r.call.expect), 200),
      clip(formatOutcome(r.outcome).split('\n')[0], 70),
      String(r.attempts),
      r.consistentAfterMs !== undefined ? `${(r.consistentAfterMs / 1000).toFixed(1)} s` : '',
    ];
  }
}

export interface ConsoleReporterOptions {
  /** A line printed after a run with failures, e.g. how to see which policy statement decided. */
  explainHint?: (failedScenarios: string[]) => string;
  /** Whether `out` is the process's standard output (default: it is `process.stdout`). */
  stdio?: boolean;
}

/**
 * One line per call as it lands (caller, expectation, observation, verdict), the response text on
 * a line of its own, failures in detail; then a table and a summary. Every line is escaped
 * (escapeControls): what a service answers can never act on the terminal.
 */
export function consoleReporter(
  out: Writable = process.stdout,
  color = false,
  options: ConsoleReporterOptions = {},
): Reporter {
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  /** A line: the painted prefix is ours, the rest is escaped. */
  const print = (text: string, painted = '') => out.write(`${painted}${escapeControls(text)}\n`);
  let error: RunError | undefined;
  let planned: number | undefined;
  return {
    printsToStdio: () => ((options.stdio ?? out === process.stdout) ? 'lines' : false),
    onBegin(plan) {
      planned = plan.calls.length;
      print(`lattice-e2e: ${planned} call${planned === 1 ? '' : 's'} against environment "${plan.environment.name}"`);
    },
    onRetry(info) {
      const why = RETRY_REASONS[info.reason];
      const attempt = `attempt ${info.attempt}: ${clip(formatOutcome(info.outcome), 120)}`;
      print(`  ... ${info.call.id}: ${why} (${attempt}), checking again in ${info.delayMs} ms`);
    },
    onResult(r) {
      const extra = [
        r.attempts > 1 ? `${r.attempts} attempts` : '',
        r.consistentAfterMs !== undefined ? `consistent after ${(r.consistentAfterMs / 1000).toFixed(1)} s` : '',
        `${r.durationMs} ms`,
      ]
        .filter(Boolean)
        .join(', ');
      const expected = formatExpectation(r.call.expect);
      const observed = clip(formatOutcome(r.outcome), 160);
      const line = ` ${r.call.id}  caller=${r.call.caller.name}  expected: ${expected}  observed: ${observed}`;
      print(`${line}  (${extra})`, MARKS[r.status](paint));
      if (r.status === 'flaky') print(`     flaky:    passed after retrying ${r.retried.join(', ')}`);
      if (r.status === 'failed') {
        print(`     expected: ${expected}`);
        print(`     observed: ${clip(formatOutcome(r.outcome))}`);
      }
      print(`     response: ${clip(responseText(r.outcome), RESPONSE_WIDTH)}`);
      if (r.status === 'failed' && r.verdict.reason) print(`     why:      ${clip(r.verdict.reason, 1000)}`);
      if (r.model && !r.model.agrees)
        print(`     model:    AWS disagrees with the world as code: ${clip(r.model.reason ?? '', 1000)}`);
    },
    onError(e) {
      error = e;
      print(`error: the run stopped: ${clip(e.message, 1000)}`, paint(31, 'ERROR '));
    },
    onEnd(summary) {
      const total = summary.results.length;
      const header = ['result', 'call', 'expected', 'observed', 'attempts', 'consistent after'];
      out.write('\n');
      // Read twice (widths, then lines) rather than held: a run of 100,000 calls has as many rows.
      writeTable(out, header, () => tableRows(summary.results));
      out.write('\n');
      const flaky = summary.flaky ? `, ${summary.flaky} flaky` : '';
      const model = summary.modelDisagreements
        ? `, ${summary.modelDisagreements} where AWS disagrees with the world as code`
        : '';
      const counts = `${summary.passed} passed, ${summary.failed} failed${flaky}${model}`;
      const stopped = error ? `; the run stopped early, ${total} of ${planned ?? '?'} calls ran` : '';
      const line = escapeControls(`${counts}${stopped}`);
      const calls = `${total} call${total === 1 ? '' : 's'}, ${summary.durationMs} ms`;
      out.write(`\n${summary.failed === 0 && !error ? paint(32, line) : paint(31, line)} (${calls})\n`);
      if (!options.explainHint) return;
      const failedScenarios = new Set<string>();
      for (const r of summary.results) if (r.status === 'failed') failedScenarios.add(r.call.scenario);
      if (failedScenarios.size > 0) print(options.explainHint([...failedScenarios]));
    },
  };
}
