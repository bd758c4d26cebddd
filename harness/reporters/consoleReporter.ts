import { formatOutcome, responseText } from '../classify/outcome';
import { formatExpectation } from '../judge/judgeOutcome';
import type { CallResult, RetryInfo } from '../run/runCall';
import { formatTable } from './formatTable';
import type { Reporter } from './Reporter';

export interface Writable { write(text: string): unknown }

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

/**
 * Response text on one line: line breaks and other control characters escaped, so a body can never
 * start a line of its own (where CI runners read workflow commands such as `::stop-commands::`).
 */
const oneLine = (text: string) =>
  text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

const clip = (text: string, max = 300) => {
  const flat = oneLine(text);
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} chars)` : flat;
};

/** One line per call as it lands (caller, expectation, observation, verdict; failures in detail), then a table and a summary. */
export interface ConsoleReporterOptions {
  /** A line printed after a run with failures, e.g. how to see which policy statement decided. */
  explainHint?: (failedScenarios: string[]) => string;
}

export function consoleReporter(out: Writable = process.stdout, color = false, options: ConsoleReporterOptions = {}): Reporter {
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    onBegin(plan) {
      out.write(`lattice-e2e: ${plan.calls.length} call${plan.calls.length === 1 ? '' : 's'} against environment "${plan.environment.name}"\n`);
    },
    onRetry(info) {
      const why = RETRY_REASONS[info.reason];
      out.write(`  ... ${info.call.id}: ${why} (attempt ${info.attempt}: ${clip(formatOutcome(info.outcome), 120)}), checking again in ${info.delayMs} ms\n`);
    },
    onResult(r) {
      const mark = MARKS[r.status](paint);
      const extra = [
        r.attempts > 1 ? `${r.attempts} attempts` : '',
        r.consistentAfterMs !== undefined ? `consistent after ${(r.consistentAfterMs / 1000).toFixed(1)} s` : '',
        `${r.durationMs} ms`,
      ].filter(Boolean).join(', ');
      out.write(`${mark} ${r.call.id}  caller=${r.call.caller.name}  expected: ${formatExpectation(r.call.expect)}  observed: ${clip(formatOutcome(r.outcome), 160)}  (${extra})\n`);
      if (r.status === 'flaky') out.write(`     flaky:    passed after retrying ${r.retried.join(', ')}\n`);
      if (r.status === 'failed') {
        out.write(`     expected: ${formatExpectation(r.call.expect)}\n`);
        out.write(`     observed: ${clip(formatOutcome(r.outcome))}\n`);
        out.write(`     response: ${clip(responseText(r.outcome))}\n`);
        if (r.verdict.reason) out.write(`     why:      ${r.verdict.reason}\n`);
      }
    },
    onEnd(summary) {
      const total = summary.results.length;
      const rows = summary.results.map((r) => [
        r.status.toUpperCase(),
        r.call.id,
        formatExpectation(r.call.expect),
        clip(formatOutcome(r.outcome).split('\n')[0], 70),
        String(r.attempts),
        r.consistentAfterMs !== undefined ? `${(r.consistentAfterMs / 1000).toFixed(1)} s` : '',
      ]);
      out.write(`\n${formatTable(['result', 'call', 'expected', 'observed', 'attempts', 'consistent after'], rows)}\n`);
      const line = `${summary.passed} passed, ${summary.failed} failed${summary.flaky ? `, ${summary.flaky} flaky` : ''}`;
      out.write(`\n${summary.failed === 0 ? paint(32, line) : paint(31, line)} (${total} call${total === 1 ? '' : 's'}, ${summary.durationMs} ms)\n`);
      const failedScenarios = [...new Set(summary.results.filter((r) => r.status === 'failed').map((r) => r.call.scenario))];
      if (options.explainHint && failedScenarios.length > 0) out.write(`${options.explainHint(failedScenarios)}\n`);
    },
  };
}
