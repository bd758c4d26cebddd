import type { AuthType, SourceOrgIdMode } from '../../policy';

/** The static description of a local world: who exists, what is connected to what, which policies apply. */
export interface WorldSpec {
  region: string;
  organization: { id: string; rootId: string; /** account id → OU path below the root, e.g. 'ou-ab12-11111111/' */ ouPaths: Record<string, string> };
  accounts: AccountSpec[];
  /** The principal the runner's base credentials belong to (an IAM user in the tooling account). */
  runner: { userName: string; account: string; identityPolicy: unknown };
  roles: RoleSpec[];
  vpcs: VpcSpec[];
  /** The VPC a request comes from when its source address belongs to no VPC. */
  runnerVpc: string;
  serviceNetworks: ServiceNetworkSpec[];
  services: ServiceSpec[];
  /** How aws:SourceOrgID is populated for Invoke requests (undocumented for Lattice). */
  sourceOrgIdMode: SourceOrgIdMode;
  /** IAM OIDC identity providers (AssumeRoleWithWebIdentity); a role trusts one with `Principal.Federated`. */
  oidcProviders?: OidcProviderSpec[];
}

/**
 * An IAM OIDC identity provider in an account: `arn:aws:iam::<account>:oidc-provider/<url without https://>`.
 * Tokens whose `iss` is `url` and whose `aud` is one of `clientIds` are accepted for the account's roles.
 */
export interface OidcProviderSpec { account: string; url: string; clientIds: string[] }

export interface AccountSpec { id: string; name: string; inOrganization: boolean }

export interface RoleSpec {
  name: string;
  account: string;
  trustPolicy: unknown;
  identityPolicies: unknown[];
  tags?: Record<string, string>;
  maxSessionDurationSeconds?: number;
}

export interface VpcSpec { id: string; account: string; /** Loopback source address owned by this VPC, e.g. 127.0.0.11. */ address: string }

export interface ServiceNetworkSpec {
  id: string;
  name: string;
  account: string;
  authType: AuthType;
  policy?: unknown;
  vpcAssociations: string[];
}

export type TargetSpec = { kind: 'fixed'; status: number; body: string } | { kind: 'echo' } | { kind: 'upstream'; url: string };

export interface ServiceSpec {
  id: string;
  name: string;
  account: string;
  authType: AuthType;
  policy?: unknown;
  tags?: Record<string, string>;
  serviceNetworks: string[];
  target: TargetSpec;
}
