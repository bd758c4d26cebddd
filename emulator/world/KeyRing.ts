import type { IssuedKey } from './World';

export interface KeyRingLimits {
  /**
   * How long an expired session key is kept after its expiration, so that a client still using
   * it hears `ExpiredToken` (as from AWS) rather than `InvalidClientTokenId`. Default 1 hour.
   */
  expiredGraceMs: number;
  /** At most this many keys are held; past it the oldest session keys go first. Default 50,000. */
  maxKeys: number;
  /** Expired keys are swept at most this often (on the world's clock), and whenever the ring is full. Default 60 s. */
  sweepEveryMs: number;
}

export const DEFAULT_KEY_RING_LIMITS: KeyRingLimits = {
  expiredGraceMs: 3_600_000,
  maxKeys: 50_000,
  sweepEveryMs: 60_000,
};

/**
 * The keys a world owns or issued, bounded: a session key is dropped one grace period after it
 * expires (lazily, on lookup and on a sweep when a key is added), and the ring never holds more
 * than `maxKeys` (the oldest session keys are dropped first; keys without an expiration, the
 * runner's own, are never dropped). A dropped key is unknown: `InvalidClientTokenId`.
 */
export class KeyRing {
  private readonly keys = new Map<string, IssuedKey>();
  private readonly limits: KeyRingLimits;
  private nextSweepAt = Number.NEGATIVE_INFINITY;

  /** `now` reads the world's clock in milliseconds. */
  constructor(
    private readonly now: () => number,
    limits: Partial<KeyRingLimits> = {},
  ) {
    this.limits = { ...DEFAULT_KEY_RING_LIMITS, ...limits };
  }

  get size(): number {
    return this.keys.size;
  }

  add(key: IssuedKey): IssuedKey {
    this.sweep(this.keys.size >= this.limits.maxKeys);
    this.keys.set(key.accessKeyId, key);
    if (this.keys.size > this.limits.maxKeys) this.dropOldestSession();
    return key;
  }

  get(accessKeyId: string): IssuedKey | undefined {
    const key = this.keys.get(accessKeyId);
    if (key && this.isPastGrace(key, this.now())) {
      this.keys.delete(accessKeyId);
      return undefined;
    }
    return key;
  }

  values(): IterableIterator<IssuedKey> {
    return this.keys.values();
  }

  private isPastGrace(key: IssuedKey, now: number): boolean {
    return key.expiration !== undefined && key.expiration.getTime() + this.limits.expiredGraceMs <= now;
  }

  private sweep(force: boolean): void {
    const now = this.now();
    if (!force && now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.limits.sweepEveryMs;
    for (const [id, key] of this.keys) if (this.isPastGrace(key, now)) this.keys.delete(id);
  }

  /** Maps iterate in insertion order: the first session key found is the oldest issued. */
  private dropOldestSession(): void {
    for (const [id, key] of this.keys) {
      if (key.expiration === undefined) continue;
      this.keys.delete(id);
      return;
    }
  }
}
