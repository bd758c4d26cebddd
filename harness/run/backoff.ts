export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: BackoffPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1): exponential, capped, with full jitter of up to half. */
export function backoffDelay(
  policy: Pick<BackoffPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
