import type { Plan } from '../resolve/types';
import type { CallResult, RetryInfo } from '../run/runCall';
import type { RunSummary } from '../run/runPlan';

/** A reporter: every hook optional. */
export interface Reporter {
  onBegin?(plan: Plan): void | Promise<void>;
  /** A call is about to be tried again (a transient failure, or waiting for a policy change to propagate). */
  onRetry?(info: RetryInfo): void | Promise<void>;
  onResult?(result: CallResult): void | Promise<void>;
  onEnd?(summary: RunSummary): void | Promise<void>;
}

export interface ReporterFailure { reporter: string; hook: string; error: unknown }

/** Fans hooks out to several reporters; one that throws is recorded and the others still run. */
export function multiplexReporters(reporters: { name: string; reporter: Reporter }[], failures: ReporterFailure[] = []): Reporter & { failures: ReporterFailure[] } {
  const call = async (hook: keyof Reporter, arg: never) => {
    for (const { name, reporter } of reporters) {
      try {
        await (reporter[hook] as ((a: never) => unknown) | undefined)?.call(reporter, arg);
      } catch (error) {
        failures.push({ reporter: name, hook, error });
      }
    }
  };
  return {
    failures,
    onBegin: (plan) => call('onBegin', plan as never),
    onRetry: (info) => call('onRetry', info as never),
    onResult: (result) => call('onResult', result as never),
    onEnd: (summary) => call('onEnd', summary as never),
  };
}
