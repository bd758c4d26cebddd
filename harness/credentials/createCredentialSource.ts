import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ResolvedCaller, ResolvedEnvironment } from '../resolve/types';

/** STS error codes that mean "try again", not "no". */
const TRANSIENT_STS_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'ServiceUnavailable', 'InternalFailure', 'IDPCommunicationError']);
/** What the SDK's HTTP layer throws when STS could not be reached or did not answer in time. */
const TRANSPORT_ERRORS = new Set(['TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

export type RoleCaller = Extract<ResolvedCaller, { kind: 'role' }>;

export interface Clock { now(): Date }

/**
 * A role could not be assumed: STS's error code and message (never a secret), and whether asking
 * again may help (throttling, a 5xx, a broken or timed-out connection) or not (a refusal).
 */
export class CredentialsError extends Error {
  constructor(readonly role: string, readonly code: string, message: string, readonly transient: boolean) {
    super(message);
    this.name = 'CredentialsError';
  }
}

interface SdkError { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } }

/** An error from STS or from reaching it, as a CredentialsError; anything else is a bug and is rethrown. */
function toCredentialsError(role: string, error: unknown): CredentialsError {
  if (error instanceof CredentialsError) return error;
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const transport = TRANSPORT_ERRORS.has(e.name ?? '') || TRANSPORT_ERRORS.has(e.code ?? '');
  if (status === undefined && !transport) throw error;
  const code = transport && e.code ? e.code : e.name ?? e.code ?? 'Error';
  const transient = transport || TRANSIENT_STS_CODES.has(code) || (status !== undefined && status >= 500);
  return new CredentialsError(role, code, e.message ?? String(error), transient);
}

export interface CredentialSource {
  /** Credentials for the caller's role: one AssumeRole per role per run, renewed before the session expires. */
  forCaller(caller: RoleCaller): Promise<AwsCredentialIdentity>;
}

export interface CredentialSourceOptions {
  clock?: Clock;
  /** Renew a session this long before it expires. Default 5 minutes. */
  refreshMarginMs?: number;
  /** Base credentials override (tests); otherwise from the environment's `credentials`. */
  baseCredentials?: AwsCredentialIdentityProvider;
  /** Sees every credential the source resolves, the runner's own included (the run registers them for redaction). */
  onCredentials?: (credentials: AwsCredentialIdentity) => void;
}

/** The runner's own credentials: the local world's static keys, or the AWS SDK's standard chain. */
export function baseCredentialsFor(env: ResolvedEnvironment): AwsCredentialIdentityProvider {
  if (env.credentials.kind === 'static') {
    const keys = env.credentials.keys;
    return async () => ({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey });
  }
  return fromNodeProviderChain({ profile: env.credentials.profile });
}

/** Creates the credential step: base credentials → STS AssumeRole per caller role, cached. */
export function createCredentialSource(env: ResolvedEnvironment, options: CredentialSourceOptions = {}): CredentialSource {
  const clock = options.clock ?? { now: () => new Date() };
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  const seen = options.onCredentials ?? (() => undefined);
  const base = options.baseCredentials ?? baseCredentialsFor(env);
  const sts = new STSClient({
    region: env.region,
    // An explicit endpoint (the local world's) is used as is, whatever FIPS or dual-stack settings the machine's AWS config has.
    ...(env.stsEndpoint ? { endpoint: env.stsEndpoint, useFipsEndpoint: false, useDualstackEndpoint: false } : {}),
    credentials: async (identityProperties) => {
      const credentials = await base(identityProperties);
      seen(credentials);
      return credentials;
    },
    // The run retries transient STS failures itself, so that a pass after a retry is reported as flaky.
    maxAttempts: 1,
  });
  const cache = new Map<string, Promise<AwsCredentialIdentity>>();

  async function assume(caller: RoleCaller): Promise<AwsCredentialIdentity> {
    // A stalled STS must not hold the run: the environment's per-call timeout applies here too.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), env.timeoutMs);
    try {
      // Sign with the injected clock's time, as the SDK does after it corrects for clock skew.
      if (options.clock) sts.config.systemClockOffset = clock.now().getTime() - Date.now();
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: caller.roleArn,
          RoleSessionName: caller.sessionName,
          DurationSeconds: caller.durationSeconds,
          ExternalId: caller.externalId,
          Tags: Object.entries(caller.sessionTags).map(([Key, Value]) => ({ Key, Value })),
        }),
        { abortSignal: abort.signal },
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CredentialsError(caller.roleArn, 'InvalidResponse', 'STS returned no credentials', false);
      const credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      seen(credentials);
      return credentials;
    } catch (error) {
      if (abort.signal.aborted) throw new CredentialsError(caller.roleArn, 'TimeoutError', `STS did not answer within ${env.timeoutMs} ms`, true);
      throw toCredentialsError(caller.roleArn, error);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async forCaller(caller) {
      const key = `${caller.roleArn}\u0000${caller.externalId ?? ''}\u0000${caller.sessionName}\u0000${JSON.stringify(caller.sessionTags)}`;
      const cached = cache.get(key);
      if (cached) {
        const result = await cached.then(
          (creds) => ({ creds }),
          (error: unknown) => ({ error }),
        );
        if ('creds' in result) {
          const { expiration } = result.creds;
          if (!expiration || expiration.getTime() - margin > clock.now().getTime()) return cached;
        } else if (!(result.error instanceof CredentialsError && result.error.transient)) {
          // A refusal is remembered for the run: asking again would get the same answer.
          return cached;
        }
      }
      const pending = assume(caller);
      cache.set(key, pending);
      return pending;
    },
  };
}
