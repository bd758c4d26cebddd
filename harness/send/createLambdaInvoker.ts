// The SDK is loaded on first use: only runs with relays need it.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { baseCredentialsFor } from '../credentials/createRoleAssumer';
import type { ResolvedEnvironment } from '../resolve/types';
import { createBoundedHttpHandler } from './createBoundedHttpHandler';
import { transportFor } from './Transport';
import { namedExports } from '../namedExports';

/** What Lambda answered an Invoke: the function's payload, and `functionError` when the function failed. */
export interface InvokeAnswer {
  payload: Uint8Array;
  functionError?: string;
}

/**
 * One synchronous Invoke of a function (by ARN; the region is the ARN's) within `timeoutMs`, the whole exchange.
 * Throws what the SDK throws: a service exception (its `name`, `$metadata.httpStatusCode`) or a transport error.
 */
export type LambdaInvoker = (functionArn: string, payload: Uint8Array, timeoutMs: number) => Promise<InvokeAnswer>;

/** A Lambda answer is at most 6 MB; anything past this is not one. */
const MAX_INVOKE_BODY_BYTES = 7 * 1024 * 1024;

export interface LambdaInvokerOptions {
  /** The runner's own credentials; default: the environment's (static keys, or the SDK's chain). */
  credentials?: AwsCredentialIdentityProvider;
  /** Sees the runner's credentials when they are resolved (the run redacts them). */
  onCredentials?: (credentials: AwsCredentialIdentity) => void;
  /** The time a request is signed at. Default: the system clock. */
  clock?: { now(): Date };
}

/**
 * Invokes through the AWS SDK's Lambda client with the runner's own credentials (never a caller's), at the
 * environment's `lambdaEndpoint` when it has one (else the SDK's: AWS_ENDPOINT_URL_LAMBDA, or AWS's). Each exchange
 * is bounded in time and size; the SDK does not retry (the run retries what is transient, and says so).
 */
export function createLambdaInvoker(env: ResolvedEnvironment, options: LambdaInvokerOptions = {}): LambdaInvoker {
  const base = options.credentials ?? baseCredentialsFor(env);
  const seen = options.onCredentials ?? (() => undefined);
  const clients = new Map<
    string,
    Promise<{ client: LambdaClient; Invoke: typeof import('@aws-sdk/client-lambda').InvokeCommand }>
  >();
  const clientFor = (region: string, timeoutMs: number) => {
    const key = `${region} ${timeoutMs}`;
    let loaded = clients.get(key);
    if (!loaded) {
      loaded = import('@aws-sdk/client-lambda').then((m) => {
        const sdk = namedExports(m);
        const client = new sdk.LambdaClient({
          region,
          ...(env.lambdaEndpoint
            ? { endpoint: env.lambdaEndpoint, useFipsEndpoint: false, useDualstackEndpoint: false }
            : {}),
          credentials: async (properties) => {
            const credentials = await base(properties);
            seen(credentials);
            return credentials;
          },
          requestHandler: createBoundedHttpHandler({
            transport: transportFor(env.ca),
            timeoutMs,
            maxBodyBytes: MAX_INVOKE_BODY_BYTES,
          }),
          maxAttempts: 1,
        });
        return { client, Invoke: sdk.InvokeCommand };
      });
      clients.set(key, loaded);
    }
    return loaded;
  };
  return async (functionArn, payload, timeoutMs) => {
    const region = functionArn.split(':')[3] ?? env.region;
    const { client, Invoke } = await clientFor(region, timeoutMs);
    if (options.clock) client.config.systemClockOffset = options.clock.now().getTime() - Date.now();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const out = await client.send(new Invoke({ FunctionName: functionArn, Payload: payload }), {
        abortSignal: abort.signal,
      });
      return {
        payload: out.Payload ?? new Uint8Array(),
        ...(out.FunctionError && { functionError: out.FunctionError }),
      };
    } catch (error) {
      if (abort.signal.aborted) {
        const timeout = new Error(`Lambda did not answer within ${timeoutMs} ms`);
        timeout.name = 'ETIMEDOUT';
        throw timeout;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
