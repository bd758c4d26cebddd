import type { AwsCredentialIdentity } from '@smithy/types';
import type { ResolvedEnvironment } from '../resolve/types';
import { DEFAULT_RETRY, sleep, type BackoffPolicy } from '../run/backoff';
import { retryTransient } from '../run/retryTransient';
import { type CredentialsError, toCredentialsError } from './CredentialsError';
import { createRoleAssumer, type Clock, type RoleAssumer, type RoleAssumerOptions } from './createRoleAssumer';
import type { RoleCaller } from './createRoleAssumer';

export { CredentialsError } from './CredentialsError';
export { baseCredentialsFor, type Clock, type RoleCaller } from './createRoleAssumer';

export interface ForCallerOptions {
  /**
   * The caller saw this refusal and asks again (while waiting for a trust or identity policy
   * change to propagate). Without it a refusal is final for the run.
   */
  askAgainAfter?: CredentialsError;
  /** Told of each transient failure the assumption this caller waits on retries (earlier ones at once). */
  onRetry?: (failure: CredentialsError, delayMs: number) => void;
}

export interface CredentialSource {
  /**
   * Credentials for the caller's role: one assumption per role per run, shared by every caller
   * that waits on it (its retries included), renewed before the session expires. Rejects only
   * with a CredentialsError.
   */
  forCaller(caller: RoleCaller, options?: ForCallerOptions): Promise<AwsCredentialIdentity>;
  /** Whether an assumption of the caller's role is in flight (a call for it would wait). */
  isPending?(caller: RoleCaller): boolean;
}

export interface CredentialSourceOptions extends RoleAssumerOptions {
  /** Renew a session this long before it expires. Default 5 minutes. */
  refreshMarginMs?: number;
  /** Transient STS failures are retried within this. */
  retry?: BackoffPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** One AssumeRole (tests); default: STS through the AWS SDK. */
  assumeRole?: RoleAssumer;
}

type Settled = { credentials: AwsCredentialIdentity } | { error: CredentialsError };

/** One assumption in flight: its retries so far, and who wants to hear of the next ones. */
interface Flight {
  promise: Promise<AwsCredentialIdentity>;
  retried: { failure: CredentialsError; delayMs: number }[];
  listeners: Set<(failure: CredentialsError, delayMs: number) => void>;
}

interface Session {
  flight?: Flight;
  settled?: Settled;
}

const describeSession = (c: RoleCaller) =>
  [
    c.roleArn,
    c.externalId ?? '',
    c.sessionName,
    JSON.stringify(c.sessionTags),
    c.sessionPolicy ?? '',
    (c.sessionPolicyArns ?? []).join(','),
  ].join('\u0000');

/** Session keys by caller: a resolved caller does not change, and every call (and every look at the queue) asks. */
const sessionKeys = new WeakMap<RoleCaller, string>();
const sessionKey = (c: RoleCaller) => {
  let key = sessionKeys.get(c);
  if (key === undefined) sessionKeys.set(c, (key = describeSession(c)));
  return key;
};

/** Creates the credential step: base credentials → STS AssumeRole per caller role, single-flight, cached. */
export function createCredentialSource(
  env: ResolvedEnvironment,
  options: CredentialSourceOptions = {},
): CredentialSource {
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  const assumeRole = options.assumeRole ?? createRoleAssumer(env, options);
  const policy = options.retry ?? DEFAULT_RETRY;
  const wait = options.sleep ?? sleep;
  const sessions = new Map<string, Session>();

  const failed = (caller: RoleCaller, error: unknown): Settled => {
    return { error: toCredentialsError(caller.roleArn, error) };
  };

  async function attempt(caller: RoleCaller): Promise<Settled> {
    try {
      return { credentials: await assumeRole(caller) };
    } catch (error) {
      return failed(caller, error);
    }
  }

  function startFlight(session: Session, caller: RoleCaller): Flight {
    const retried: Flight['retried'] = [];
    const listeners: Flight['listeners'] = new Set();
    const retry = () =>
      retryTransient(() => attempt(caller), {
        policy,
        sleep: wait,
        isTransient: (r) => 'error' in r && r.error.transient,
        onRetry: (r, _attempt, delayMs) => {
          const failure = (r as { error: CredentialsError }).error;
          retried.push({ failure, delayMs });
          for (const listener of listeners) listener(failure, delayMs);
        },
      });
    const settle = async (): Promise<AwsCredentialIdentity> => {
      let value: Settled;
      try {
        value = (await retry()).value;
      } catch (error) {
        value = failed(caller, error);
      }
      session.flight = undefined;
      session.settled = value;
      if ('error' in value) throw value.error;
      return value.credentials;
    };
    const promise = settle();
    // Every flight has a waiter; this only keeps a late rejection from counting as unhandled.
    promise.catch(() => undefined);
    return { promise, retried, listeners };
  }

  /** Whether the settled answer must be asked for again. */
  function isStale(settled: Settled | undefined, options: ForCallerOptions): boolean {
    if (!settled) return true;
    if ('credentials' in settled) {
      const { expiration } = settled.credentials;
      return expiration !== undefined && expiration.getTime() - margin <= clock.now().getTime();
    }
    // A transient failure is not remembered; a refusal is, unless the caller asks again after seeing it.
    return settled.error.transient || options.askAgainAfter === settled.error;
  }

  async function join(flight: Flight, onRetry: ForCallerOptions['onRetry']): Promise<AwsCredentialIdentity> {
    if (!onRetry) return flight.promise;
    for (const { failure, delayMs } of flight.retried) onRetry(failure, delayMs);
    flight.listeners.add(onRetry);
    try {
      return await flight.promise;
    } finally {
      flight.listeners.delete(onRetry);
    }
  }

  return {
    forCaller(caller, forOptions = {}) {
      const key = sessionKey(caller);
      let session = sessions.get(key);
      if (!session) sessions.set(key, (session = {}));
      // Decided and registered synchronously, so that concurrent callers share one flight.
      if (!session.flight && isStale(session.settled, forOptions)) session.flight = startFlight(session, caller);
      if (session.flight) return join(session.flight, forOptions.onRetry);
      const settled = session.settled!;
      return 'error' in settled ? Promise.reject(settled.error) : Promise.resolve(settled.credentials);
    },
    isPending(caller) {
      return sessions.get(sessionKey(caller))?.flight !== undefined;
    },
  };
}
