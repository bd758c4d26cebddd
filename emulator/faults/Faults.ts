import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Faults and latency the local world injects, so a runner's retries, timeouts and waits can be
 * tested. Latencies are real time (they delay the answer on the wire); counts are "the next N".
 */
export interface FaultSettings {
  /** Added before every STS answer. */
  stsLatencyMs: number;
  /** Added before every data-plane answer (shared and per-service listeners, HTTP and HTTPS). */
  latticeLatencyMs: number;
  /** The next N AssumeRole calls answer `Throttling: Rate exceeded` (HTTP 400, awsQuery XML). */
  throttleAssumeRole: number;
  /** The next N allowed invokes get 503 from the target instead of its answer. */
  targetErrors: number;
  /** The next N data-plane requests get their connection destroyed without an answer. */
  dropConnections: number;
}

export type CountedFault = 'throttleAssumeRole' | 'targetErrors' | 'dropConnections';

const FIELDS: readonly (keyof FaultSettings)[] = [
  'stsLatencyMs',
  'latticeLatencyMs',
  'throttleAssumeRole',
  'targetErrors',
  'dropConnections',
];
const MAX = 10_000_000;

const NONE: FaultSettings = {
  stsLatencyMs: 0,
  latticeLatencyMs: 0,
  throttleAssumeRole: 0,
  targetErrors: 0,
  dropConnections: 0,
};

/** A fault setting that cannot be applied; `field` names it. */
export class FaultSettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FaultSettingsError';
  }
}

/** Checks a partial settings object (from code or from the admin endpoint's JSON). */
export function parseFaultSettings(input: unknown): Partial<FaultSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultSettingsError('', 'fault settings must be a JSON object');
  }
  const out: Partial<FaultSettings> = {};
  for (const [field, value] of Object.entries(input)) {
    if (!FIELDS.includes(field as keyof FaultSettings)) {
      throw new FaultSettingsError(field, `unknown fault setting "${field}" (expected one of ${FIELDS.join(', ')})`);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX) {
      throw new FaultSettingsError(
        field,
        `${field} must be a whole number from 0 to ${MAX}, got ${JSON.stringify(value)}`,
      );
    }
    out[field as keyof FaultSettings] = value;
  }
  return out;
}

/** The fault settings of a running local world, changeable while it runs. */
export class Faults {
  private settings: FaultSettings;

  constructor(initial: Partial<FaultSettings> = {}) {
    this.settings = { ...NONE, ...parseFaultSettings(initial) };
  }

  /** A copy of the settings in force. */
  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** Changes some settings (validated first: nothing changes if one is wrong) and returns the result. */
  set(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...parseFaultSettings(patch) };
    return this.current;
  }

  /** Back to no faults and no latency. */
  clear(): FaultSettings {
    this.settings = { ...NONE };
    return this.current;
  }

  /** Uses up one of the next-N faults of `kind`; true when this request gets it. */
  take(kind: CountedFault): boolean {
    if (this.settings[kind] <= 0) return false;
    this.settings[kind]--;
    return true;
  }

  /** Waits the configured latency of an endpoint: undefined (nothing to wait for) without one. */
  delay(endpoint: 'sts' | 'lattice'): Promise<void> | undefined {
    const ms = endpoint === 'sts' ? this.settings.stsLatencyMs : this.settings.latticeLatencyMs;
    return ms > 0 ? sleep(ms) : undefined;
  }
}
