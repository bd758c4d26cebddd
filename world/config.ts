/**
 * What users write in a world file (`scenarios/worlds/<name>.ts`): their organization as code.
 * Every entity is keyed by a name of the user's choosing; references use those names. Policies are
 * inline JSON values or paths of JSON files relative to the world file.
 */

/** An inline policy document, or the path of a JSON file relative to the world file. */
export type PolicyRef = string | Record<string, unknown>;

export type AuthTypeConfig = 'NONE' | 'AWS_IAM';

export interface OrganizationConfig {
  /** `o-` and 10 to 32 lower-case letters or digits. */
  id: string;
  /** `r-` and 4 to 32 lower-case letters or digits. Default derived from the organization id. */
  rootId?: string;
  /** The management account (a name of `accounts`). */
  managementAccount?: string;
  /** Organizational units by name: `parent` is another OU's name, absent for the root. */
  ous?: Record<string, { id?: string; parent?: string }>;
  /** Service control policies and resource control policies, by name, with where each is attached. */
  policies?: OrganizationPoliciesConfig;
}

/**
 * Where an organization policy is attached: `'root'`, an OU's name, or a member account's name.
 * As in AWS, the managed `FullAWSAccess` SCP is attached to the root, every OU and every account
 * unless `fullAwsAccess` says where it is detached; `RCPFullAWSAccess` is always attached everywhere
 * (AWS does not let it be detached).
 */
export type OrgTarget = string;

export interface OrgPolicyConfig {
  /** The policy document: an SCP has no Principal; an RCP has `"Principal": "*"`. */
  document: PolicyRef;
  targets: OrgTarget[];
}

export interface OrganizationPoliciesConfig {
  scps?: Record<string, OrgPolicyConfig>;
  rcps?: Record<string, OrgPolicyConfig>;
  /** `{ detachedFrom: [...] }`: where FullAWSAccess is detached (allow-list SCPs). Default: attached everywhere. */
  fullAwsAccess?: { detachedFrom: OrgTarget[] };
}

/** A customer managed policy (`arn:aws:iam::<account>:policy/<name>`), e.g. for a caller's `sessionPolicyArns`. */
export interface ManagedPolicyConfig {
  account: string;
  /** The policy name. Default: the key. */
  name?: string;
  document: PolicyRef;
}

export interface AccountConfig {
  /** The 12-digit account ID. */
  id: string;
  /** Whether the account belongs to the organization. Default: true when the world has an organization. */
  inOrganization?: boolean;
  /** The OU (a name of `organization.ous`) the account sits in; absent: directly under the root. */
  ou?: string;
}

export interface VpcConfig {
  /** The account (a name of `accounts`) that owns the VPC. */
  account: string;
  /** `vpc-` and 17 hex digits. Default derived from the name. */
  id?: string;
  /** The loopback address this VPC sends from in the local world. Default 127.0.0.11 and up, in order. */
  address?: string;
}

export interface RoleConfig {
  account: string;
  /** The IAM role name. Default: the key. */
  name?: string;
  trustPolicy: PolicyRef;
  identityPolicies?: PolicyRef[];
  tags?: Record<string, string>;
  /** A permissions boundary: what the identity policies grant, at most. */
  permissionsBoundary?: PolicyRef;
  /** 3600 to 43200. Default 3600. */
  maxSessionDurationSeconds?: number;
}

export interface UserConfig {
  account: string;
  /** The IAM user name. Default: the key. */
  name?: string;
  identityPolicies?: PolicyRef[];
  tags?: Record<string, string>;
  /** A permissions boundary: what the identity policies grant, at most. */
  permissionsBoundary?: PolicyRef;
}

export interface ServiceNetworkConfig {
  account: string;
  /** `sn-` and 17 hex digits. Default derived from the name. */
  id?: string;
  authType: AuthTypeConfig;
  /** None: with AWS_IAM the network denies every request. */
  authPolicy?: PolicyRef;
  /** VPCs (names of `vpcs`) associated with the network. */
  vpcs?: string[];
  /** Services (names of `services`) associated with the network. */
  services?: string[];
  tags?: Record<string, string>;
}

export interface ListenerConfig {
  protocol: 'HTTP' | 'HTTPS';
  /** Default 80 for HTTP, 443 for HTTPS. */
  port?: number;
}

export type TargetConfig = { fixed: { status?: number; body: string } } | { echo: true } | { upstream: string };

export interface ServiceConfig {
  account: string;
  /** `svc-` and 17 hex digits. Default derived from the name. */
  id?: string;
  authType: AuthTypeConfig;
  authPolicy?: PolicyRef;
  tags?: Record<string, string>;
  /** Default: one HTTPS listener on 443. */
  listeners?: ListenerConfig[];
  /** A custom domain name, served beside the Lattice-generated one. */
  customDomainName?: string;
  target: TargetConfig;
}

/**
 * A relay: a small Lambda function in a consumer VPC that sends a request the harness signed from inside that VPC
 * (Lattice answers only clients in a VPC associated with the service network).
 */
export interface RelayConfig {
  /** The account (a name of `accounts`) the function runs in. */
  account: string;
  /** The VPC (a name of `vpcs`, owned by `account`) the function sends from. */
  vpc: string;
  /** The Lambda function name. Default `lattice-e2e-relay-<name>`. */
  functionName?: string;
  /**
   * The function's resource-based policy (who may `lambda:InvokeFunction` it), as `AddPermission` builds it. Default:
   * none, as a new function has: then only principals of the function's own account whose identity policies allow
   * may invoke it. A runner in another account needs a statement naming it.
   */
  policy?: PolicyRef;
}

/**
 * Where a caller sends from: a VPC (a name of `vpcs`), or a relay (a name of `relays`), whose VPC it then is. With
 * both, the VPC must be the relay's.
 */
export type CallerSource = { vpc: string; relay?: string } | { relay: string; vpc?: string };

export type CallerConfig =
  | ({
      /** A role (a name of `roles`) the caller assumes through STS. */
      role: string;
      externalId?: string;
      sessionName?: string;
      sessionTags?: Record<string, string>;
      durationSeconds?: number;
      /** An inline session policy passed on AssumeRole (`Policy`): narrows the session. */
      sessionPolicy?: PolicyRef;
      /** Managed session policies passed on AssumeRole (`PolicyArns`): names (or ARNs) of `managedPolicies`. */
      sessionPolicyArns?: string[];
    } & CallerSource)
  | ({ user: string } & CallerSource)
  /** Unsigned: never through a relay (a relay sends signed requests only). */
  | { anonymous: true; vpc: string };

export interface WorldConfig {
  region: string;
  organization?: OrganizationConfig;
  accounts: Record<string, AccountConfig>;
  vpcs: Record<string, VpcConfig>;
  roles?: Record<string, RoleConfig>;
  users?: Record<string, UserConfig>;
  /** Customer managed policies by name. */
  managedPolicies?: Record<string, ManagedPolicyConfig>;
  serviceNetworks: Record<string, ServiceNetworkConfig>;
  services: Record<string, ServiceConfig>;
  callers: Record<string, CallerConfig>;
  /** Relays by name: Lambda functions that send callers' requests from inside a VPC. */
  relays?: Record<string, RelayConfig>;
  /** IAM OIDC identity providers by name: roles trust them for AssumeRoleWithWebIdentity (CI's path). */
  oidcProviders?: Record<string, { account: string; url: string; clientIds: string[] }>;
  /** Whose base credentials call STS (a name of `users`), and the VPC requests come from when no caller VPC applies. */
  runner: { user: string; vpc: string };
  /** How the local world reads `aws:SourceOrgID` (undocumented for Lattice). Default `principal`. */
  sourceOrgIdMode?: 'principal' | 'source-vpc-owner' | 'absent';
}

/** Declares a world; returns its argument, so a world file is typed as it is written. */
export function defineWorld(config: WorldConfig): WorldConfig {
  return config;
}
