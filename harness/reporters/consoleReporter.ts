import { formatOutcome } from '../classify/outcome';
import { formatExpectation } from '../judge/judgeOutcome';
import type { Reporter } from './Reporter';

export interface Writable { write(text: string): unknown }

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** One line per call (caller, expectation, observation, verdict), failures in detail, then a summary. */
export function consoleReporter(out: Writable = process.stdout, color = false): Reporter {
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    onBegin(plan) {
      out.write(`lattice-e2e: ${plan.calls.length} call${plan.calls.length === 1 ? '' : 's'} against environment "${plan.environment.name}"\n`);
    },
    onResult(r) {
      const mark = r.status === 'passed' ? paint(32, 'PASS') : paint(31, 'FAIL');
      out.write(`${mark} ${r.call.id}  caller=${r.call.caller.name}  expected: ${formatExpectation(r.call.expect)}  observed: ${clip(formatOutcome(r.outcome), 160)}  (${r.durationMs} ms)\n`);
      if (r.status === 'failed') {
        out.write(`     expected: ${formatExpectation(r.call.expect)}\n`);
        out.write(`     observed: ${clip(formatOutcome(r.outcome))}\n`);
        if (r.outcome.kind === 'denied' || r.outcome.kind === 'allowed' || r.outcome.kind === 'http-error') out.write(`     response: ${clip(r.outcome.body)}\n`);
        if (r.verdict.reason) out.write(`     why:      ${r.verdict.reason}\n`);
      }
    },
    onEnd(summary) {
      const total = summary.results.length;
      const line = `${summary.passed} passed, ${summary.failed} failed`;
      out.write(`\n${summary.failed === 0 ? paint(32, line) : paint(31, line)} (${total} call${total === 1 ? '' : 's'}, ${summary.durationMs} ms)\n`);
    },
  };
}
