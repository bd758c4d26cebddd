import type { Decision, EvalRequest, Evaluation, Policy } from '../types';

/**
 * One level of an AWS Organization on the path from the root to an account: the root, an OU, or
 * the account itself, with the policies (SCPs or RCPs) attached there. FullAWSAccess (SCP) and
 * RCPFullAWSAccess (RCP) are attached everywhere by default and must be listed when present.
 */
export interface OrgLevel {
  /** e.g. `r-ab12`, `ou-ab12-11111111`, `222222222222`: for explanations. */
  id: string;
  policies: readonly Policy[];
}

/** The organization seen from one account: its levels from the root down to the account. */
export interface OrgPath {
  /** Root first, the account last. */
  levels: readonly OrgLevel[];
  /** The organization's management account: SCPs and RCPs do not apply to it. */
  isManagementAccount?: boolean;
}

export type OrgDecision = Decision | 'NotApplicable';

export interface LevelExplanation {
  id: string;
  decision: Decision;
  /** One evaluation per policy attached at the level, in order. */
  evaluations: Evaluation[];
}

/** The policy types of IAM's evaluation logic. */
export type PolicyType = 'rcp' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session';

export interface PolicyTypeExplanation {
  type: PolicyType;
  decision: OrgDecision;
  /** The policies of this type taken together (not for SCPs and RCPs: see `levels`). */
  evaluation?: Evaluation;
  /** SCPs and RCPs: one entry per level, root first. */
  levels?: LevelExplanation[];
  note?: string;
}

/** The caller's side: its identity-based policies and what bounds them. */
export interface PrincipalPolicies {
  identityPolicies: readonly Policy[];
  /** The role's or user's permissions boundary (one managed policy). */
  permissionsBoundary?: Policy;
  /** Session policies passed to AssumeRole (inline and managed): present only for a session created with them. */
  sessionPolicies?: readonly Policy[];
  /** The principal's account in its organization; absent: not in an organization (no SCP applies). */
  scp?: OrgPath;
  /** Service-linked roles are not restricted by SCPs (nor RCPs). */
  isServiceLinkedRole?: boolean;
}

/** The resource's side: its resource-based policy and its account's RCPs. */
export interface ResourcePolicies {
  /** The account that owns the resource. */
  account: string;
  policy?: Policy;
  /**
   * The resource-based policy must allow whatever the identity side says: IAM role trust policies
   * and KMS key policies ("they must explicitly allow access for principals").
   */
  required?: boolean;
  /** The resource's account in its organization; absent: not in an organization (no RCP applies). */
  rcp?: OrgPath;
}

export interface OrgSettings {
  /**
   * Service prefixes whose resources RCPs protect. RCPs cover only the services AWS lists; anything
   * else (by default `vpc-lattice-svcs`, a guess) is NotApplicable for RCPs.
   */
  rcpServices: readonly string[];
}

export interface AuthorizationInput {
  /** The principal must be an AWS principal (a user, or an assumed-role session with `roleArn`). */
  request: EvalRequest;
  principal: PrincipalPolicies;
  resource: ResourcePolicies;
  settings?: OrgSettings;
}

export type AuthorizationResult =
  | { allowed: true; rule: string; explanation: PolicyTypeExplanation[] }
  | { allowed: false; deniedBy: PolicyType; explicit: boolean; rule: string; explanation: PolicyTypeExplanation[] };
