import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import type { LocalWorld } from '../../../emulator/startLocalWorld';
import type { Clock } from '../../../emulator/world/World';
import { signRequest } from '../../../harness/request/signRequest';
import { sendRequest, type SendResult } from '../../../harness/send/sendRequest';

export const REGION = 'us-east-1';
export const PARKING = 'parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
export const ECHO = 'echo-0eeeeeeeeeeeeeee0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';
export const PARKING_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
export const NETWORK_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0';
export const INVOKER_B = 'arn:aws:iam::222222222222:role/lattice-invoker';
export const INVOKER_C = 'arn:aws:iam::444444444444:role/lattice-invoker';
export const VPC_B_ADDRESS = '127.0.0.11';

/** A clock the test moves by hand, starting at the real time (so SDK-signed calls stay within the skew window). */
export function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

export const runnerCredentials = (local: LocalWorld): AwsCredentialIdentity => ({
  accessKeyId: local.world.runnerKey.accessKeyId,
  secretAccessKey: local.world.runnerKey.secretAccessKey,
});

export const stsClient = (local: LocalWorld, credentials = runnerCredentials(local)) =>
  new STSClient({ region: REGION, endpoint: local.stsEndpoint, credentials, maxAttempts: 1 });

export const latticeClient = (local: LocalWorld, credentials = runnerCredentials(local)) =>
  new VPCLatticeClient({ region: REGION, endpoint: local.controlPlaneEndpoint, credentials, maxAttempts: 1 });

export async function assume(
  local: LocalWorld,
  roleArn: string,
  sessionName = 'test-session',
  externalId?: string,
): Promise<AwsCredentialIdentity> {
  const out = await stsClient(local).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ExternalId: externalId }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

export interface InvokeOptions {
  host?: string;
  method?: string;
  /** Path with an optional query (`/a?b=1`); the query is signed as a query. */
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  signingDate?: Date;
  /** Where to connect: the shared data plane by default. */
  connectTo?: { address: string; port: number };
  protocol?: 'http:' | 'https:';
  localAddress?: string;
  tamper?: (request: HttpRequest) => void;
}

/** A Lattice Invoke as the harness sends it: SigV4 (when credentials are given), unsigned payload. */
export async function invoke(
  local: LocalWorld,
  credentials: AwsCredentialIdentity | undefined,
  options: InvokeOptions = {},
): Promise<SendResult> {
  const host = options.host ?? PARKING;
  const [path, search = ''] = (options.path ?? '/').split('?');
  const query: Record<string, string[]> = Object.create(null);
  for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
  let request: HttpRequest = {
    method: options.method ?? 'GET',
    protocol: options.protocol ?? 'http:',
    hostname: host.replace(/:\d+$/, ''),
    path,
    query,
    headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...options.headers },
    body: options.body,
  };
  if (credentials)
    request = await signRequest(request, { region: REGION, credentials, signingDate: options.signingDate });
  options.tamper?.(request);
  const secure = request.protocol === 'https:';
  return sendRequest(request, {
    timeoutMs: 5000,
    connectTo: options.connectTo ?? (secure ? local.https : local.dataPlane),
    localAddress: options.localAddress ?? VPC_B_ADDRESS,
    ca: local.caCertPem,
  });
}
