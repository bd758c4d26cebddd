import type { Plan, PlannedCall } from '../resolve/types';
import type { Reporter } from '../reporters/Reporter';
import { createCallQueue } from './createCallQueue';
import { runCall, type CallDeps, type CallResult } from './runCall';

export interface RunSummary {
  results: CallResult[];
  passed: number;
  failed: number;
  flaky: number;
  durationMs: number;
  /** Calls where AWS answered otherwise than the world as code predicts (with `model`). */
  modelDisagreements?: number;
}

export interface RunOptions extends CallDeps {
  reporter: Reporter;
  concurrency?: number;
  /** Compares each result with the world as code's prediction; the finding rides on the result. */
  model?: (call: PlannedCall, outcome: CallResult['outcome']) => NonNullable<CallResult['model']>;
}

/**
 * Runs every planned call (a bounded number at once) and reports each result as it lands. A
 * worker takes another caller's call rather than wait for a role assumption already in flight.
 */
export async function runPlan(plan: Plan, options: RunOptions): Promise<RunSummary> {
  const clock = options.clock ?? { now: () => new Date() };
  const started = clock.now().getTime();
  await options.reporter.onBegin?.(plan);
  const results: CallResult[] = new Array(plan.calls.length);
  const { credentials } = options;
  const isWaiting = (call: PlannedCall) =>
    call.caller.kind === 'role' && (credentials.isPending?.(call.caller) ?? false);
  const queue = createCallQueue(plan.calls, isWaiting);
  const deps: CallDeps = { ...options, onRetry: (info) => options.reporter.onRetry?.(info) };
  const worker = async () => {
    for (let index = queue.next(); index !== undefined; index = queue.next()) {
      const result = await runCall(plan.calls[index], plan.environment, deps);
      if (options.model) result.model = options.model(result.call, result.outcome);
      results[index] = result;
      await options.reporter.onResult?.(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, plan.calls.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const count = (status: CallResult['status']) => results.filter((r) => r.status === status).length;
  const durationMs = clock.now().getTime() - started;
  const summary: RunSummary = {
    results,
    passed: count('passed'),
    failed: count('failed'),
    flaky: count('flaky'),
    durationMs,
  };
  if (options.model) summary.modelDisagreements = results.filter((r) => r.model && !r.model.agrees).length;
  await options.reporter.onEnd?.(summary);
  return summary;
}
