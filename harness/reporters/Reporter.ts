import type { Plan } from '../resolve/types';
import type { CallResult, RetryInfo } from '../run/runCall';
import type { RunSummary } from '../run/runPlan';

/** An error that stopped the run (a bug, not a failed expectation), its message already redacted. */
export interface RunError {
  message: string;
}

/**
 * What a reporter writes to standard output: nothing, lines that may mix with other reporters'
 * lines, or one document (JSON, XML) that must be alone there to stay readable.
 */
export type StdioUse = false | 'lines' | 'document';

/** A reporter: every hook optional. */
export interface Reporter {
  onBegin?(plan: Plan): void | Promise<void>;
  /** A call is about to be tried again (a transient failure, or waiting for a policy change to propagate). */
  onRetry?(info: RetryInfo): void | Promise<void>;
  onResult?(result: CallResult): void | Promise<void>;
  /** The run stopped on an internal error; `onEnd` follows with the results so far. */
  onError?(error: RunError): void | Promise<void>;
  /** Always called once, also after an error (then with the results that landed before it). */
  onEnd?(summary: RunSummary): void | Promise<void>;
  /** What it writes to standard output; a reporter that does not say is taken to print lines there. */
  printsToStdio?(): StdioUse;
}
