import type { Plan } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { RunResults, RunSummary } from '../run/runPlan';
import type { Reporter, RunError } from './Reporter';

export interface ReporterFailure {
  reporter: string;
  hook: string;
  error: unknown;
}

export interface MultiplexedReporter extends Required<Omit<Reporter, 'printsToStdio'>> {
  /** Reporters' own failures, in the order they happened. */
  failures: ReporterFailure[];
  /** The results reported so far: in the order they landed, or plan order when kept by `options.results`. */
  results: RunResults;
  /**
   * Ends every reporter if the run has not: with the results so far (a run stopped by an error
   * never reaches its own `onEnd`). Call it in a `finally`; it does nothing after `onEnd`.
   */
  end(durationMs: number): Promise<void>;
}

type Hook = Exclude<keyof Reporter, 'printsToStdio'>;

export interface MultiplexOptions {
  /**
   * Where the run keeps its results (the store given to runPlan, which adds to it): `end` reads the results
   * so far from there rather than the multiplexer keeping its own list. Sealed when the run ends.
   */
  results?: { readonly results: RunResults; seal(): void };
}

/**
 * Fans hooks out to several reporters (Playwright's `_wrap`): a reporter that throws in any hook is
 * recorded and the others still run. Hooks after the end (a call still in flight when the run
 * stopped) are dropped, so every report holds exactly what its `onEnd` was given.
 */
export function multiplexReporters(
  reporters: { name: string; reporter: Reporter }[],
  options: MultiplexOptions = {},
): MultiplexedReporter {
  const failures: ReporterFailure[] = [];
  const landed: CallResult[] = [];
  const kept = options.results;
  let ended = false;
  let plan: Plan | undefined;
  const wrap = async <H extends Hook>(hook: H, arg: Parameters<NonNullable<Reporter[H]>>[0]) => {
    for (const { name, reporter } of reporters) {
      try {
        await (reporter[hook] as ((a: typeof arg) => unknown) | undefined)?.call(reporter, arg);
      } catch (error) {
        failures.push({ reporter: name, hook, error });
      }
    }
  };
  const onEnd = async (summary: RunSummary) => {
    if (ended) return;
    ended = true;
    kept?.seal();
    await wrap('onEnd', summary);
  };
  // The results so far in plan order, as the run's own summary lists them.
  const inPlanOrder = (): RunResults => {
    if (kept) return kept.results;
    const order = new Map(plan?.calls.map((call, index) => [call, index]));
    const at = (r: CallResult) => order.get(r.call) ?? order.size;
    return [...landed].sort((a, b) => at(a) - at(b));
  };
  return {
    failures,
    results: kept ? kept.results : landed,
    onBegin: (p) => {
      plan = p;
      return wrap('onBegin', p);
    },
    onRetry: async (info) => (ended ? undefined : wrap('onRetry', info)),
    onResult: async (result) => {
      if (ended) return;
      if (!kept) landed.push(result);
      await wrap('onResult', result);
    },
    onError: async (error: RunError) => (ended ? undefined : wrap('onError', error)),
    onEnd,
    end: (durationMs) => {
      if (ended) return Promise.resolve();
      kept?.seal();
      const results = inPlanOrder();
      const counts: Record<CallResult['status'], number> = { passed: 0, failed: 0, flaky: 0 };
      for (const r of results) counts[r.status]++;
      return onEnd({ results, ...counts, durationMs });
    },
  };
}
