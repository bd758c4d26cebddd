import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ResolvedCaller, ResolvedEnvironment } from '../resolve/types';

/** STS error codes that mean "try again", not "no". */
export const TRANSIENT_STS_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'ServiceUnavailable', 'InternalFailure', 'IDPCommunicationError']);

export type RoleCaller = Extract<ResolvedCaller, { kind: 'role' }>;

export interface Clock { now(): Date }

/** A role could not be assumed: carries STS's error code and message (never a secret). */
export class CredentialsError extends Error {
  constructor(readonly role: string, readonly code: string, message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
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
  const sts = new STSClient({
    region: env.region,
    ...(env.stsEndpoint ? { endpoint: env.stsEndpoint } : {}),
    credentials: options.baseCredentials ?? baseCredentialsFor(env),
    // The run retries transient STS failures itself, so that a pass after a retry is reported as flaky.
    maxAttempts: 1,
  });
  const cache = new Map<string, Promise<AwsCredentialIdentity>>();

  async function assume(caller: RoleCaller): Promise<AwsCredentialIdentity> {
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
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CredentialsError(caller.roleArn, 'InvalidResponse', 'STS returned no credentials');
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      const e = error as { name?: string; code?: string; message?: string };
      throw new CredentialsError(caller.roleArn, e.name ?? e.code ?? 'Error', e.message ?? String(error));
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
        } else if (!(result.error instanceof CredentialsError && TRANSIENT_STS_CODES.has(result.error.code))) {
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
