import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { baseCredentialsFor, createCredentialSource } from '../credentials/createCredentialSource';
import type { ResolvedEnvironment } from '../resolve/types';

/** Where the SDK clients send (absent: the SDK's own endpoints; AWS_ENDPOINT_URL_* is honoured). */
export interface ReadEndpoints {
  lattice?: string;
  iam?: string;
  organizations?: string;
  /** Lambda (the relays' functions); absent: the environment's `lambdaEndpoint`, else the SDK's. */
  lambda?: string;
}

export interface ReadClientOptions {
  endpoints?: ReadEndpoints;
  /** Attempts per call, throttling and 5xx included (the SDK's standard retry strategy). Default 5. */
  maxAttempts?: number;
  /**
   * The delay before retry number n (ms), in place of the standard strategy's exponential backoff
   * with jitter; the attempts and what is retried stay the standard strategy's. Default: the SDK's.
   */
  retryDelayMs?: number | ((attempt: number) => number);
  /**
   * How a reader role's assumption waits between its retries (ms asked); default a real timer. Attempts and
   * what is retried stay the credential source's.
   */
  sleep?: (ms: number) => Promise<void>;
  /** Sees every credential used, so that reports can redact them. */
  onCredentials?: (credentials: AwsCredentialIdentity) => void;
}

export interface ReadClients {
  lattice: VPCLatticeClient;
  iam: IAMClient;
  organizations: OrganizationsClient;
  /** Lambda in the environment's region: the relays' functions. */
  lambda: LambdaClient;
}

/** Read clients per account, as the environment's reader role there (or the runner's own credentials). */
export interface ReadClientPool {
  forAccount(account: string | undefined): ReadClients;
  /** The account of the runner's own credentials (STS GetCallerIdentity). */
  runnerAccount(): Promise<string>;
  destroy(): void;
}

/**
 * One set of SDK clients (VPC Lattice, IAM, Organizations, Lambda) per account read: as the account's reader role,
 * assumed through STS and renewed before it expires, or with the runner's own credentials for an
 * account without one. Throttling and 5xx are retried by the SDK's standard strategy, bounded.
 */
export function createReadClients(env: ResolvedEnvironment, options: ReadClientOptions = {}): ReadClientPool {
  const seen = options.onCredentials ?? (() => {});
  const base = baseCredentialsFor(env);
  const source =
    env.readers && Object.keys(env.readers).length > 0
      ? createCredentialSource(env, { onCredentials: seen, ...(options.sleep && { sleep: options.sleep }) })
      : undefined;
  const pool = new Map<string, ReadClients>();
  let sts: STSClient | undefined;
  const maxAttempts = options.maxAttempts ?? 5;
  const lambdaEndpoint = options.endpoints?.lambda ?? env.lambdaEndpoint;
  // Settings for each client: a retry strategy of its own (with its own retry quota), as the SDK builds one.
  const common = () => ({
    ...(options.retryDelayMs === undefined
      ? { maxAttempts, retryMode: 'standard' as const }
      : { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, options.retryDelayMs) }),
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    // A call that does not answer within the environment's timeout fails (and is retried): never a hang.
    requestHandler: { requestTimeout: env.timeoutMs, connectionTimeout: env.timeoutMs },
  });
  return {
    forAccount(account) {
      const reader = account === undefined ? undefined : env.readers?.[account];
      const key = reader ? account! : '(runner)';
      let clients = pool.get(key);
      if (!clients) {
        const credentials: AwsCredentialIdentityProvider = async (properties) => {
          const c = reader && source ? await source.forCaller(reader.role) : await base(properties);
          seen(c);
          return c;
        };
        clients = {
          lattice: new VPCLatticeClient({
            ...common(),
            region: env.region,
            credentials,
            ...(options.endpoints?.lattice && { endpoint: options.endpoints.lattice }),
          }),
          // IAM is global: the aws partition signs it for us-east-1.
          iam: new IAMClient({
            ...common(),
            region: 'us-east-1',
            credentials,
            ...(options.endpoints?.iam && { endpoint: options.endpoints.iam }),
          }),
          // Organizations is global too: signed for us-east-1.
          organizations: new OrganizationsClient({
            ...common(),
            region: 'us-east-1',
            credentials,
            ...(options.endpoints?.organizations && { endpoint: options.endpoints.organizations }),
          }),
          lambda: new LambdaClient({
            ...common(),
            region: env.region,
            credentials,
            ...(lambdaEndpoint && { endpoint: lambdaEndpoint }),
          }),
        };
        pool.set(key, clients);
      }
      return clients;
    },
    async runnerAccount() {
      sts ??= new STSClient({
        ...common(),
        region: env.region,
        credentials: async (properties) => {
          const c = await base(properties);
          seen(c);
          return c;
        },
        ...(env.stsEndpoint && { endpoint: env.stsEndpoint }),
      });
      return (await sts.send(new GetCallerIdentityCommand({}))).Account!;
    },
    destroy() {
      sts?.destroy();
      for (const c of pool.values()) {
        c.lattice.destroy();
        c.iam.destroy();
        c.organizations.destroy();
        c.lambda.destroy();
      }
    },
  };
}
