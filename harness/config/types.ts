/** What users write in scenarios/environments/*.ts and scenarios/*.ts (the loose types). */

/**
 * The layer a denial names: Lattice's own (network, service, identity) and what bounds a signed
 * caller (its organization's SCPs or RCPs, its permissions boundary, its session policies).
 */
export type Layer = 'network' | 'service' | 'identity' | 'organization' | 'boundary' | 'session';

export interface RoleCallerConfig {
  /** The role this caller assumes through STS. */
  roleArn: string;
  externalId?: string;
  /** RoleSessionName; defaults to `lattice-e2e-<caller>`. */
  sessionName?: string;
  durationSeconds?: number;
  sessionTags?: Record<string, string>;
  /** An inline session policy sent on AssumeRole (`Policy`): narrows the session. */
  sessionPolicy?: Record<string, unknown>;
  /** Managed session policies sent on AssumeRole (`PolicyArns`). */
  sessionPolicyArns?: string[];
  /** Local address to send from; in the local world this picks the caller's VPC. */
  localAddress?: string;
  /** Overrides the environment's signing algorithm for this caller. */
  signing?: SigningAlgorithm;
  /**
   * A relay's Lambda function ARN: the request is signed here, then sent by the relay from inside its VPC
   * (invoked with the runner's own credentials).
   */
  relay?: string;
}

/** SigV4 (one region) or SigV4A (ECDSA, region set `*`). */
export type SigningAlgorithm = 'sigv4' | 'sigv4a';

export interface AnonymousCallerConfig {
  /** Sends unsigned requests. */
  anonymous: true;
  localAddress?: string;
  /** A relay's Lambda function ARN that sends the (unsigned) request from inside its VPC. */
  relay?: string;
}

export type CallerConfig = RoleCallerConfig | AnonymousCallerConfig;

export interface ServiceConfig {
  /** The service's URL: its Lattice DNS name or custom domain. */
  url: string;
  /** The service's ARN, which denials name as the resource. */
  arn: string;
}

export interface EnvironmentConfig {
  /**
   * The world (a name of `<dir>/worlds/`, or a file) these accounts mirror: `check` predicts from it,
   * and every run reports where AWS answered otherwise than the world as code.
   */
  world?: string;
  region: string;
  organizationId?: string;
  callers: Record<string, CallerConfig>;
  services: Record<string, ServiceConfig>;
  /** Where the runner's own credentials come from. Default: the AWS SDK's standard chain. */
  credentials?: { source: 'chain'; profile?: string };
  /** STS endpoint override (AWS_ENDPOINT_URL_STS works too). */
  stsEndpoint?: string;
  /** Lambda endpoint override for invoking relays (AWS_ENDPOINT_URL_LAMBDA works too). */
  lambdaEndpoint?: string;
  /** Host name → `address:port` to connect to instead of DNS (the local world's resolver). */
  resolve?: Record<string, string>;
  /** Per-call timeout in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** How callers sign. Default `sigv4`. */
  signing?: SigningAlgorithm;
  /** PEM file of extra CA certificates to trust for HTTPS (a private CA, or the local world's). */
  caFile?: string;
  /**
   * The auth policies as code, per service network or service ARN: the policy JSON file (relative
   * to the project root, or absolute). `npm run check -- --deployed` compares them with what is deployed.
   */
  authPolicies?: Record<string, string>;
  /**
   * A role that may read the deployed auth policies (vpc-lattice:GetAuthPolicy, GetService,
   * GetServiceNetwork) in the service owner's account, for `check --deployed`. Default: the
   * runner's own credentials.
   */
  authPolicyReader?: { roleArn: string; externalId?: string; sessionName?: string };
  /**
   * Per account ID, a role that may read the account's VPC Lattice resources and IAM roles
   * (`npm run world -- import`, `check --deployed`), assumed through STS. `name` names the
   * account in an imported world; `inOrganization: false` marks an account outside the
   * organization (AWS Organizations is not read).
   */
  readers?: Record<
    string,
    { roleArn: string; externalId?: string; sessionName?: string; name?: string; inOrganization?: boolean }
  >;
}

export interface RequestConfig {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** The body; with `grpc`, the message (sent framed as gRPC: a 5-byte prefix, then these bytes). */
  body?: string;
  /**
   * A gRPC call, `'package.Service/Method'`: POST to `/package.Service/Method` with
   * `content-type: application/grpc`, `te: trailers` and the body framed as gRPC, over HTTP/2.
   */
  grpc?: string;
}

/** The HTTP version a call speaks: `'2'` is HTTP/2 over TLS (ALPN `h2`), on an HTTPS listener only. */
export type HttpVersion = '1.1' | '2';

export type ExpectConfig =
  | { allow: true | { status?: number; body?: string; bodyIncludes?: string; grpcStatus?: number } }
  | { deny: Layer; explicit?: boolean };

/** A listener of the service: its protocol, and its port when not 443 (HTTPS) or 80 (HTTP). */
export type ListenerChoice = 'HTTP' | 'HTTPS' | { protocol: 'HTTP' | 'HTTPS'; port?: number };

export interface CallConfig {
  caller: string;
  /** Overrides the scenario's listener for this call. */
  listener?: ListenerChoice;
  /** Call the service by its custom domain name instead of its Lattice DNS name. */
  customDomain?: boolean;
  /** Label for reports; defaults to the caller name. */
  name?: string;
  /** Overrides of the scenario's request for this call. */
  request?: RequestConfig;
  /** Overrides the scenario's HTTP version for this call. */
  http?: HttpVersion;
  expect: ExpectConfig;
}

export interface ScenarioConfig {
  description?: string;
  /** The world (a name of `<dir>/worlds/`) the scenario is written for. Default: `demo`, or the only world there. */
  world?: string;
  service: string;
  /** Which listener to call. Default: the service's URL (its first listener). */
  listener?: ListenerChoice;
  /** Call the service by its custom domain name. */
  customDomain?: boolean;
  request?: RequestConfig;
  /** The HTTP version of every call (default `'1.1'`; a gRPC request implies `'2'`). */
  http?: HttpVersion;
  calls: CallConfig[];
}
