import type { Plan } from '../resolve/types';
import type { Reporter } from '../reporters/Reporter';
import { runCall, type CallDeps, type CallResult } from './runCall';

export interface RunSummary { results: CallResult[]; passed: number; failed: number; flaky: number; durationMs: number }

export interface RunOptions extends CallDeps {
  reporter: Reporter;
  concurrency?: number;
}

/** Runs every planned call (a bounded number at once) and reports each result as it lands. */
export async function runPlan(plan: Plan, options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  await options.reporter.onBegin?.(plan);
  const results: CallResult[] = new Array(plan.calls.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.calls.length) {
      const index = next++;
      results[index] = await runCall(plan.calls[index], plan.environment, { ...options, onRetry: (info) => options.reporter.onRetry?.(info) });
      await options.reporter.onResult?.(results[index]);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, plan.calls.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const count = (status: CallResult['status']) => results.filter((r) => r.status === status).length;
  const summary = { results, passed: count('passed'), failed: count('failed'), flaky: count('flaky'), durationMs: Date.now() - started };
  await options.reporter.onEnd?.(summary);
  return summary;
}
