import type { Plan, PlannedCall } from '../resolve/types';
import type { Reporter } from '../reporters/Reporter';
import { createCallQueue } from './createCallQueue';
import { runCall, type CallDeps, type CallResult } from './runCall';

/** A run's results in plan order: an array, or results read back from where the run kept them. */
export type RunResults = Iterable<CallResult> & { readonly length: number };

export interface RunSummary<Results extends RunResults = RunResults> {
  /** Every result, in plan order. */
  results: Results;
  passed: number;
  failed: number;
  flaky: number;
  durationMs: number;
  /** Calls where AWS answered otherwise than the world as code predicts (with `model`). */
  modelDisagreements?: number;
}

/** Where a run keeps each result as it lands (`index`: the call's place in the plan). */
export interface ResultStore {
  add(index: number, result: CallResult): void;
  /** The results so far, in plan order. */
  readonly results: RunResults;
}

export interface RunOptions extends CallDeps {
  reporter: Reporter;
  concurrency?: number;
  /** Compares each result with the world as code's prediction; the finding rides on the result. */
  model?: (call: PlannedCall, outcome: CallResult['outcome']) => NonNullable<CallResult['model']>;
  /**
   * Where the results are kept (default: an array in memory, the summary's `results`). A store that
   * keeps them out of memory (createResultLog) leaves the run holding counts only, however many calls.
   */
  results?: ResultStore;
}

/** An array in plan order: the run's results in memory. */
function memoryStore(size: number): ResultStore & { results: CallResult[] } {
  const results: CallResult[] = new Array(size);
  return { results, add: (index, result) => void (results[index] = result) };
}

/**
 * Runs every planned call (a bounded number at once) and reports each result as it lands. A
 * worker takes another caller's call rather than wait for a role assumption already in flight.
 * The summary counts as results land; it lists them from `options.results` (default: in memory).
 */
export async function runPlan(
  plan: Plan,
  options: RunOptions & { results?: undefined },
): Promise<RunSummary<CallResult[]>>;
export async function runPlan(plan: Plan, options: RunOptions): Promise<RunSummary>;
export async function runPlan(plan: Plan, options: RunOptions): Promise<RunSummary> {
  const clock = options.clock ?? { now: () => new Date() };
  const started = clock.now().getTime();
  await options.reporter.onBegin?.(plan);
  const store = options.results ?? memoryStore(plan.calls.length);
  const counts: Record<CallResult['status'], number> = { passed: 0, failed: 0, flaky: 0 };
  let disagreements = 0;
  const { credentials } = options;
  const isWaiting = (call: PlannedCall) =>
    call.caller.kind === 'role' && (credentials.isPending?.(call.caller) ?? false);
  const queue = createCallQueue(plan.calls, isWaiting);
  const deps: CallDeps = { ...options, onRetry: (info) => options.reporter.onRetry?.(info) };
  const worker = async () => {
    for (let index = queue.next(); index !== undefined; index = queue.next()) {
      const result = await runCall(plan.calls[index], plan.environment, deps);
      if (options.model) result.model = options.model(result.call, result.outcome);
      counts[result.status]++;
      if (result.model && !result.model.agrees) disagreements++;
      store.add(index, result);
      await options.reporter.onResult?.(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, plan.calls.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const durationMs = clock.now().getTime() - started;
  const summary: RunSummary = { results: store.results, ...counts, durationMs };
  if (options.model) summary.modelDisagreements = disagreements;
  await options.reporter.onEnd?.(summary);
  return summary;
}
