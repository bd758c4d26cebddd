import type { WorldSpec } from '../../world';
import type { HttpVersion, Layer, SigningAlgorithm } from '../config/types';
import type { PlanShard } from './shardPlan';

/** The resolved shapes the pipeline uses; produced only by the resolve step. */

export type Expectation =
  | { kind: 'allow'; status?: number; body?: string; bodyIncludes?: string; grpcStatus?: number }
  | { kind: 'deny'; layer: Layer; explicit?: boolean };

export type ResolvedCaller =
  | {
      kind: 'role';
      name: string;
      roleArn: string;
      externalId?: string;
      sessionName: string;
      durationSeconds: number;
      sessionTags: Record<string, string>;
      /** An inline session policy sent on AssumeRole (`Policy`), as JSON text. */
      sessionPolicy?: string;
      /** Managed session policies sent on AssumeRole (`PolicyArns`). */
      sessionPolicyArns?: string[];
      localAddress?: string;
      signing: SigningAlgorithm;
      /** A relay's Lambda function ARN: it sends the signed request from inside its VPC. */
      relay?: string;
    }
  | {
      /** An IAM user signing with its own long-term keys (the local world's, or a profile's). */
      kind: 'user';
      name: string;
      userArn: string;
      keys?: StaticKeys;
      profile?: string;
      localAddress?: string;
      signing: SigningAlgorithm;
      relay?: string;
    }
  | { kind: 'anonymous'; name: string; localAddress?: string; relay?: string };

export interface ResolvedRequest {
  method: string;
  /** Decoded path, starting with '/'. */
  path: string;
  headers: Record<string, string>;
  query: Record<string, string[]>;
  /** The body; for a gRPC request, its message (framed when sent: request/grpcFrame). */
  body?: string;
  /** A gRPC request's `package.Service/Method`; `method`, `path` and its headers are already set from it. */
  grpc?: string;
}

export interface ResolvedService {
  name: string;
  url: URL;
  arn: string;
  /** A custom domain name the service also answers on. */
  customDomainName?: string;
}

/** Static keys, used only for the local world's own runner identity. */
export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ResolvedEnvironment {
  name: string;
  /** The world this environment runs (a local world) or mirrors (real accounts), when it has one. */
  world?: WorldSpec;
  /** The world an environment file names (a name or a file), before it is loaded. */
  worldRef?: string;
  region: string;
  organizationId?: string;
  callers: Record<string, ResolvedCaller>;
  services: Record<string, ResolvedService>;
  credentials: { kind: 'chain'; profile?: string } | { kind: 'static'; keys: StaticKeys };
  stsEndpoint?: string;
  /** The Lambda endpoint relays are invoked at; absent: the SDK's (AWS_ENDPOINT_URL_LAMBDA, or AWS's). */
  lambdaEndpoint?: string;
  /** Host name (lower case), or `host:port`, → where to connect instead. */
  resolve: Record<string, { address: string; port: number }>;
  timeoutMs: number;
  /** Extra CA certificates (PEM) trusted for HTTPS. */
  ca?: string;
  /** The policies as code of deployed resources, for `check --deployed`. */
  authPolicies?: ResolvedAuthPolicy[];
  /** The role `check --deployed` reads them as; absent: the runner's own credentials. */
  authPolicyReader?: Extract<ResolvedCaller, { kind: 'role' }>;
  /** Per account ID, the role that reads it (import, drift), with the account's name and membership when given. */
  readers?: Record<string, ResolvedReader>;
}

export interface ResolvedReader {
  role: Extract<ResolvedCaller, { kind: 'role' }>;
  name?: string;
  inOrganization?: boolean;
}

/** A policy as code for one deployed resource: the ARN, the file it was read from, the parsed document. */
export interface ResolvedAuthPolicy {
  resourceArn: string;
  file: string;
  document: Record<string, unknown>;
}

export interface PlannedCall {
  /** `<scenario> › <name>`, unique in a plan. */
  id: string;
  scenario: string;
  name: string;
  caller: ResolvedCaller;
  service: ResolvedService;
  request: ResolvedRequest;
  /** The HTTP version the call speaks (resolve sets it; absent in calls read back from a report: 1.1). */
  http?: HttpVersion;
  expect: Expectation;
}

export interface Plan {
  environment: ResolvedEnvironment;
  calls: PlannedCall[];
  /** With --all: the scenarios left out because they are written for other worlds, by world. */
  otherWorlds?: Record<string, string[]>;
  /** With --shard: the part of the whole plan these calls are (see shardPlan). */
  shard?: PlanShard;
}
