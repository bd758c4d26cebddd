import { backoffDelay } from './backoff';

/** How long to wait for a change to propagate, and how to pace the re-checks. Times are epoch ms. */
export interface ConsistencyWindow {
  /** Consistency is measured from here (the run's start). */
  since: number;
  /** No re-check starts after this. */
  deadline: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Checks in a row that make a call consistent once it was seen not to hold. Default 3. */
  stableChecks?: number;
}

/** Checks in a row that make a call consistent once it was seen not to hold. */
export const DEFAULT_STABLE_CHECKS = 3;

export type PollResult<T> =
  /** `at`: when the run of passing checks that made it consistent began (or the first check, if it held at once). */
  | { consistent: true; last: T; at: number }
  /** The deadline came first; `streak`: passing checks in a row at the end. */
  | { consistent: false; last: T; streak: number };

export interface PollOptions<T> {
  window: ConsistencyWindow;
  clock: { now(): Date };
  sleep(ms: number): Promise<void>;
  /** Told before each wait: the last check, why it is checked again, and the delay. */
  onWait?(last: T, reason: 'inconsistent' | 'confirming', delayMs: number): void | Promise<void>;
}

/**
 * Checks until the answer holds or the window's deadline comes. Holding at once is consistent;
 * once seen not holding (a change in progress), answers may still be mixed, so it must then hold
 * `stableChecks` times in a row. Re-checks back off (base doubling to max); the deadline bounds them.
 */
export async function pollUntilConsistent<T>(
  check: () => Promise<{ value: T; passed: boolean }>,
  options: PollOptions<T>,
): Promise<PollResult<T>> {
  const { window, clock } = options;
  const stableChecks = window.stableChecks ?? DEFAULT_STABLE_CHECKS;
  let sawInconsistent = false;
  let streak = 0;
  let streakStartedAt = 0;
  let misses = 0;
  // Ends when the answer is consistent or the next wait would pass the deadline.
  for (;;) {
    const { value, passed } = await check();
    const now = clock.now().getTime();
    let reason: 'inconsistent' | 'confirming';
    let delayMs: number;
    if (passed) {
      streak++;
      if (streak === 1) streakStartedAt = now;
      if (!sawInconsistent) return { consistent: true, last: value, at: now };
      if (streak >= stableChecks) return { consistent: true, last: value, at: streakStartedAt };
      reason = 'confirming';
      delayMs = backoffDelay(window, 1);
    } else {
      streak = 0;
      sawInconsistent = true;
      reason = 'inconsistent';
      delayMs = backoffDelay(window, ++misses);
    }
    if (now + delayMs > window.deadline) return { consistent: false, last: value, streak };
    await options.onWait?.(value, reason, delayMs);
    await options.sleep(delayMs);
  }
}
