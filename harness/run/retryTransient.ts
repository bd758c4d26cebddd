import { backoffDelay, type BackoffPolicy } from './backoff';

export interface RetryOptions<T> {
  policy: BackoffPolicy;
  /** Whether a value is a failure worth another attempt; anything else ends the retries at once. */
  isTransient(value: T): boolean;
  sleep(ms: number): Promise<void>;
  /** Whether waiting `delayMs` more is still allowed (a deadline); default: always. */
  mayWait?(delayMs: number): boolean;
  /** Told before each wait: the value retried, its attempt (from 1) and the delay. */
  onRetry?(value: T, attempt: number, delayMs: number): void | Promise<void>;
  random?: () => number;
}

/** The last value, and the transient ones retried before it, oldest first. */
export interface Retried<T> {
  value: T;
  earlier: T[];
}

/**
 * Runs `action` until it gives a value that is not transient, the policy's attempts are used up
 * or the next wait is not allowed; returns the last value (never throws one away). Knows nothing
 * of what the action does: the caller says what is transient.
 */
export async function retryTransient<T>(
  action: (attempt: number) => Promise<T>,
  options: RetryOptions<T>,
): Promise<Retried<T>> {
  const earlier: T[] = [];
  for (let attempt = 1; attempt <= options.policy.maxAttempts; attempt++) {
    const value = await action(attempt);
    if (!options.isTransient(value) || attempt === options.policy.maxAttempts) return { value, earlier };
    const delayMs = backoffDelay(options.policy, attempt, options.random);
    if (options.mayWait && !options.mayWait(delayMs)) return { value, earlier };
    earlier.push(value);
    await options.onRetry?.(value, attempt, delayMs);
    await options.sleep(delayMs);
  }
  throw new RangeError(`retryTransient needs maxAttempts >= 1, got ${options.policy.maxAttempts}`);
}
