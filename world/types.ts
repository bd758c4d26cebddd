import type { AuthType, SourceOrgIdMode } from '../policy';

/**
 * A world, resolved: who exists, what is connected to what, which policies apply. Produced from a
 * world file by `resolveWorld` (the only place defaults apply); read by the emulator, by `check` and
 * by the environments. References are by AWS identifier (account ID, VPC ID, network and service ID).
 */
export interface WorldSpec {
  /** The world's name (its file name without `.ts`). */
  name: string;
  region: string;
  organization: OrganizationSpec;
  accounts: AccountSpec[];
  /** The principal the runner's base credentials belong to (an IAM user). */
  runner: { userName: string; account: string; identityPolicy: unknown; permissionsBoundary?: unknown };
  roles: RoleSpec[];
  users: UserSpec[];
  /** Customer managed policies (session policies by ARN). */
  managedPolicies?: ManagedPolicySpec[];
  vpcs: VpcSpec[];
  /** The VPC a request comes from when its source address belongs to no VPC. */
  runnerVpc: string;
  serviceNetworks: ServiceNetworkSpec[];
  services: ServiceSpec[];
  callers: CallerSpec[];
  /** Relays: Lambda functions that send callers' requests from inside a VPC. */
  relays?: RelaySpec[];
  /** How aws:SourceOrgID is populated for Invoke requests (undocumented for Lattice). */
  sourceOrgIdMode: SourceOrgIdMode;
  /** IAM OIDC identity providers (AssumeRoleWithWebIdentity); a role trusts one with `Principal.Federated`. */
  oidcProviders?: OidcProviderSpec[];
  /** Which file each policy value (by identity) was read from, for explanations. */
  policyFiles?: ReadonlyMap<unknown, string>;
}

/**
 * An IAM OIDC identity provider in an account: `arn:aws:iam::<account>:oidc-provider/<url without https://>`.
 * Tokens whose `iss` is `url` and whose `aud` is one of `clientIds` are accepted for the account's roles.
 */
export interface OidcProviderSpec {
  account: string;
  url: string;
  clientIds: string[];
}

export interface OrganizationSpec {
  id: string;
  rootId: string;
  /** The management account's ID, when the world names it. */
  managementAccount?: string;
  /** Organizational units: `parentId` is the root's or another OU's ID. */
  ous: { id: string; name: string; parentId: string }[];
  /** Account ID → OU path below the root, e.g. 'ou-ab12-11111111/' ('' directly under the root). */
  ouPaths: Record<string, string>;
  /**
   * SCPs with the targets (root ID, OU IDs, account IDs) they are attached to, FullAWSAccess
   * included where attached. Absent: FullAWSAccess everywhere and nothing else.
   */
  scps?: OrgPolicySpec[];
  /** RCPs likewise, RCPFullAWSAccess included. Absent: RCPFullAWSAccess everywhere. */
  rcps?: OrgPolicySpec[];
}

export interface OrgPolicySpec {
  name: string;
  document: unknown;
  /** Root ID, OU IDs, account IDs. */
  targets: string[];
}

/** A customer managed policy. */
export interface ManagedPolicySpec {
  name: string;
  account: string;
  document: unknown;
}

export interface AccountSpec {
  id: string;
  name: string;
  inOrganization: boolean;
}

export interface RoleSpec {
  name: string;
  account: string;
  trustPolicy: unknown;
  identityPolicies: unknown[];
  tags?: Record<string, string>;
  permissionsBoundary?: unknown;
  maxSessionDurationSeconds?: number;
}

export interface UserSpec {
  name: string;
  account: string;
  identityPolicies: unknown[];
  tags?: Record<string, string>;
  permissionsBoundary?: unknown;
}

export interface VpcSpec {
  id: string;
  /** The name the world file gives it (default: the ID). */
  name?: string;
  account: string;
  /** Loopback source address owned by this VPC, e.g. 127.0.0.11. */
  address: string;
}

export interface ServiceNetworkSpec {
  id: string;
  name: string;
  account: string;
  authType: AuthType;
  policy?: unknown;
  vpcAssociations: string[];
  tags?: Record<string, string>;
}

export type TargetSpec =
  | { kind: 'fixed'; status: number; body: string }
  | { kind: 'echo' }
  | { kind: 'upstream'; url: string };

export interface ListenerSpec {
  protocol: 'HTTP' | 'HTTPS';
  port: number;
}

export interface ServiceSpec {
  id: string;
  name: string;
  account: string;
  authType: AuthType;
  policy?: unknown;
  tags?: Record<string, string>;
  serviceNetworks: string[];
  target: TargetSpec;
  /** Default: HTTPS on 443 and HTTP on 80 (a spec written before listeners existed). */
  listeners?: ListenerSpec[];
  customDomainName?: string;
}

/** A relay: a Lambda function in `vpc` (owned by `account`) that sends what the harness signed. */
export interface RelaySpec {
  name: string;
  account: string;
  /** The VPC's ID. */
  vpc: string;
  functionName: string;
  /** `arn:aws:lambda:<region>:<account>:function:<functionName>`. */
  arn: string;
  /** The function's resource-based policy document; absent: the function has none. */
  policy?: unknown;
}

/**
 * A caller scenarios name: who signs (a role session, a user, nobody) and the VPC it sends from; `relay` (a relay's
 * name) when it sends through a relay, whose VPC `vpc` then is.
 */
export type CallerSpec = (
  | {
      kind: 'role';
      name: string;
      roleArn: string;
      externalId?: string;
      sessionName: string;
      sessionTags: Record<string, string>;
      durationSeconds: number;
      vpc: string;
      /** The inline session policy passed on AssumeRole. */
      sessionPolicy?: unknown;
      /** ARNs of managed session policies passed on AssumeRole. */
      sessionPolicyArns?: string[];
    }
  | { kind: 'user'; name: string; userArn: string; vpc: string }
  | { kind: 'anonymous'; name: string; vpc: string }
) & { relay?: string };

/** The listeners a service answers on. */
export function listenersOf(service: ServiceSpec): ListenerSpec[] {
  return (
    service.listeners ?? [
      { protocol: 'HTTPS', port: 443 },
      { protocol: 'HTTP', port: 80 },
    ]
  );
}
