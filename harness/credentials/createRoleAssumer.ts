// The SDK is loaded on first use (a dry run, `--help` and unsigned calls never load it): it is most of a
// command's start-up.
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ResolvedCaller, ResolvedEnvironment } from '../resolve/types';
import { createBoundedHttpHandler } from '../send/createBoundedHttpHandler';
import { transportFor } from '../send/Transport';
import { CredentialsError, toCredentialsError } from './CredentialsError';
import { namedExports } from '../namedExports';

export type RoleCaller = Extract<ResolvedCaller, { kind: 'role' }>;

export interface Clock {
  now(): Date;
}

/** One AssumeRole: the role's credentials, or a CredentialsError (it throws nothing else). */
export type RoleAssumer = (caller: RoleCaller) => Promise<AwsCredentialIdentity>;

/** An STS answer is a few KB; anything past this is not one. */
export const MAX_STS_BODY_BYTES = 1024 * 1024;

export interface RoleAssumerOptions {
  clock?: Clock;
  /** Base credentials override (tests); otherwise from the environment's `credentials`. */
  baseCredentials?: AwsCredentialIdentityProvider;
  /** Sees every credential resolved, the runner's own included (the run registers them for redaction). */
  onCredentials?: (credentials: AwsCredentialIdentity) => void;
}

/** The runner's own credentials: the local world's static keys, or the AWS SDK's standard chain. */
export function baseCredentialsFor(env: ResolvedEnvironment): AwsCredentialIdentityProvider {
  if (env.credentials.kind === 'static') {
    const keys = env.credentials.keys;
    return async () => ({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey });
  }
  const profile = env.credentials.profile;
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (properties) => {
    chain ??= import('@aws-sdk/credential-providers').then((m) => namedExports(m).fromNodeProviderChain({ profile }));
    return (await chain)(properties);
  };
}

/**
 * AssumeRole through the AWS SDK's STS client, with the runner's base credentials. Every exchange
 * with STS is bounded in size and in time, the body included (the SDK's own handler bounds
 * neither), and the whole assumption, base credentials included, gets `timeoutMs`.
 */
export function createRoleAssumer(env: ResolvedEnvironment, options: RoleAssumerOptions = {}): RoleAssumer {
  const seen = options.onCredentials ?? (() => undefined);
  const base = options.baseCredentials ?? baseCredentialsFor(env);
  const client = (STS: typeof STSClient) =>
    new STS({
      region: env.region,
      // An explicit endpoint (the local world's) is used as is, whatever FIPS or dual-stack settings
      // the machine's AWS config has.
      ...(env.stsEndpoint ? { endpoint: env.stsEndpoint, useFipsEndpoint: false, useDualstackEndpoint: false } : {}),
      credentials: async (identityProperties) => {
        const credentials = await base(identityProperties);
        seen(credentials);
        return credentials;
      },
      requestHandler: createBoundedHttpHandler({
        transport: transportFor(env.ca),
        timeoutMs: env.timeoutMs,
        maxBodyBytes: MAX_STS_BODY_BYTES,
      }),
      // The credential source retries transient STS failures itself, so that a pass after a retry is reported as flaky.
      maxAttempts: 1,
    });
  let loaded:
    | Promise<{ sts: STSClient; AssumeRoleCommand: typeof import('@aws-sdk/client-sts').AssumeRoleCommand }>
    | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-sts').then((m) => {
      const sdk = namedExports(m);
      return { sts: client(sdk.STSClient), AssumeRoleCommand: sdk.AssumeRoleCommand };
    }));

  async function send(caller: RoleCaller, signal: AbortSignal): Promise<AwsCredentialIdentity> {
    const { sts, AssumeRoleCommand } = await load();
    // Sign with the injected clock's time, as the SDK does after it corrects for clock skew.
    if (options.clock) sts.config.systemClockOffset = options.clock.now().getTime() - Date.now();
    const command = new AssumeRoleCommand({
      RoleArn: caller.roleArn,
      RoleSessionName: caller.sessionName,
      DurationSeconds: caller.durationSeconds,
      ExternalId: caller.externalId,
      Tags: Object.entries(caller.sessionTags).map(([Key, Value]) => ({ Key, Value })),
      ...(caller.sessionPolicy !== undefined && { Policy: caller.sessionPolicy }),
      ...(caller.sessionPolicyArns !== undefined && { PolicyArns: caller.sessionPolicyArns.map((arn) => ({ arn })) }),
    });
    const c = (await sts.send(command, { abortSignal: signal })).Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new CredentialsError(caller.roleArn, 'InvalidResponse', 'STS returned no credentials', false);
    }
    const credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    seen(credentials);
    return credentials;
  }

  return async (caller) => {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // A stalled STS or credential provider must not hold the run: the environment's timeout covers it all.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        const message = `STS did not answer within ${env.timeoutMs} ms`;
        reject(new CredentialsError(caller.roleArn, 'TimeoutError', message, true));
      }, env.timeoutMs);
    });
    const sending = send(caller, abort.signal);
    // Past the deadline its failure is no longer anyone's to handle.
    sending.catch(() => undefined);
    try {
      return await Promise.race([sending, deadline]);
    } catch (error) {
      throw toCredentialsError(caller.roleArn, error);
    } finally {
      clearTimeout(timer);
    }
  };
}
