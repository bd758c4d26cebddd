/**
 * An organization as deployed (or as a world file says it should be): the parts of a world that
 * exist in AWS and can be read back. Lists are sorted (by ID or ARN) so that two readings of an
 * unchanged organization are equal.
 */
export interface DeployedOrganization {
  region: string;
  organizationId?: string;
  accounts: DeployedAccount[];
  /** VPCs associated with a service network, with their owners. */
  vpcs: { id: string; account: string }[];
  roles: DeployedRole[];
  serviceNetworks: DeployedNetwork[];
  services: DeployedService[];
  /** The relays (Lambda functions) callers send through: the environment's callers', and those the world names. */
  relays: DeployedRelay[];
  /** The account of the credentials that read it (the runner's): not compared, a default for the runner in a world. */
  runnerAccount?: string;
  /** The OU tree and its SCPs and RCPs, when the organization could be read (by its management account). */
  organization?: DeployedOrgTree;
  /** What could not be read: an account's listings, a network, a service or a role (never in a world as code). */
  errors?: DeployedReadError[];
}

/** A read that failed: what it was about (`account` for an account's listings), the operation and the SDK error. */
export interface DeployedReadError {
  kind: 'account' | 'service-network' | 'service' | 'role' | 'boundary' | 'organization' | 'relay';
  /** The account ID, the resource's ARN (a boundary: its role's), or the organization's ID. */
  id: string;
  operation: string;
  name: string;
  message: string;
}

export interface DeployedAccount {
  id: string;
  name?: string;
  inOrganization: boolean;
}

export type DeployedIdentityPolicy =
  | { kind: 'inline'; name: string; document: unknown }
  | { kind: 'managed'; name: string; arn: string; document: unknown };

export interface DeployedRole {
  arn: string;
  account: string;
  name: string;
  trustPolicy: unknown;
  identityPolicies: DeployedIdentityPolicy[];
  tags: Record<string, string>;
  maxSessionDurationSeconds: number;
  /** The permissions boundary: its managed policy's ARN (absent in a world as code) and document. */
  permissionsBoundary?: { arn?: string; document: unknown };
}

/** An SCP or RCP with the IDs (root, OUs, accounts) it is attached to, sorted. */
export interface DeployedOrgPolicy {
  name: string;
  document: unknown;
  targets: string[];
}

/** An organization's structure and its guardrails, as its management account reads them. */
export interface DeployedOrgTree {
  rootId: string;
  /** The account whose credentials could read it (only the management account may). */
  managementAccount?: string;
  ous: { id: string; name: string; parentId: string }[];
  accounts: { id: string; name: string; parentId: string }[];
  /** FullAWSAccess and RCPFullAWSAccess included where attached. */
  scps: DeployedOrgPolicy[];
  rcps: DeployedOrgPolicy[];
}

/** A relay's Lambda function: its unqualified ARN, its VPC, its resource-based policy (absent: none). */
export interface DeployedRelay {
  arn: string;
  account: string;
  functionName: string;
  /** The VPC it runs in; absent: the function is in no VPC. */
  vpc?: string;
  policy?: unknown;
}

export interface DeployedNetwork {
  arn: string;
  id: string;
  name: string;
  account: string;
  authType: string;
  policy?: unknown;
  /** IDs of the associated VPCs. */
  vpcs: string[];
  tags: Record<string, string>;
}

export interface DeployedService {
  arn: string;
  id: string;
  name: string;
  account: string;
  authType: string;
  policy?: unknown;
  tags: Record<string, string>;
  /** IDs of the service networks the service is associated with. */
  serviceNetworks: string[];
  listeners: { protocol: 'HTTP' | 'HTTPS'; port: number }[];
  customDomainName?: string;
}

export const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Tags sorted by key, so that their order never makes a difference. */
export const sortedTags = (tags: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Listeners in a stable order that keeps a service's URL: HTTPS before HTTP (a world's first
 * listener is its service's URL, HTTPS on 443 by default), each by port.
 */
export const byListener = (a: { protocol: string; port: number }, b: { protocol: string; port: number }): number =>
  (a.protocol === 'HTTPS' ? 0 : 1) - (b.protocol === 'HTTPS' ? 0 : 1) || a.port - b.port;
