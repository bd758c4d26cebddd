import type { DenialSource } from '../accessDeniedTexts';
import type { LevelExplanation, OrgLevel, OrgSettings } from '../org/types';
import type { Decision, Evaluation, Policy, RequestContext } from '../types';

export type AuthType = 'NONE' | 'AWS_IAM';

/**
 * Where `aws:SourceOrgID` comes from, which Lattice does not document: the caller's
 * organization, the organization of the source VPC's owner, or never set.
 */
export type SourceOrgIdMode = 'principal' | 'source-vpc-owner' | 'absent';

/** A SigV4-authenticated caller (an assumed-role session). */
export interface InvokeCaller {
  kind: 'iam';
  /** arn:aws:sts::<acct>:assumed-role/<role>/<session> */
  arn: string;
  /** arn:aws:iam::<acct>:role/<role> */
  roleArn: string;
  account: string;
  /** AROA...:session */
  userId: string;
  orgId?: string;
  orgPaths?: string[];
  /** Role tags merged with session tags (session wins). */
  principalTags: Record<string, string>;
  /**
   * `User` for an IAM user signing with its own keys (then `arn` and `roleArn` are the user's ARN). Default
   * `AssumedRole`.
   */
  principalType?: 'AssumedRole' | 'User';
  /** The role's identity-based policies (kind 'identity'). */
  identityPolicies: Policy[];
  /** The role's (or user's) permissions boundary: bounds what the identity policies grant. */
  boundary?: Policy;
  /** Session policies passed to AssumeRole (inline and managed); not for an IAM user. */
  sessionPolicies?: Policy[];
  /**
   * The SCPs of the caller's account, level by level: the root, each OU, the account (each level's
   * list includes FullAWSAccess when attached). Absent: the account is in no organization.
   */
  scpLevels?: OrgLevel[];
  /** The caller is in the organization's management account: SCPs do not restrict it. */
  isManagementAccount?: boolean;
  /** A service-linked role: SCPs (and RCPs) do not restrict it. */
  isServiceLinkedRole?: boolean;
  /** A role session: when STS issued it (aws:TokenIssueTime). Absent: the key is left out. */
  tokenIssueTime?: Date;
  /** A session from AssumeRoleWithWebIdentity: its provider (aws:FederatedProvider; no MFA keys then). */
  federatedProvider?: string;
}

export interface InvokeAuthInput {
  caller: InvokeCaller | { kind: 'anonymous' };
  request: {
    method: string;
    /** Decoded, starts with '/', no query. */
    path: string;
    port: number;
    /** Lower-case names. */
    headers: Record<string, string[]>;
    query: Record<string, string[]>;
    sourceIp: string;
    secureTransport: boolean;
    time: Date;
    /** The region the request is sent to (aws:RequestedRegion). */
    region?: string;
  };
  service: {
    arn: string;
    authType: AuthType;
    policy?: Policy;
    tags?: Record<string, string>;
    /**
     * The RCPs of the service owner's account, root first; used only if `orgSettings.rcpServices` has
     * vpc-lattice-svcs.
     */
    rcpLevels?: OrgLevel[];
    /** The service is owned by the organization's management account: RCPs do not restrict it. */
    inManagementAccount?: boolean;
    /** The organization of the service's owner (aws:ResourceOrgID, aws:ResourceOrgPaths). */
    ownerOrgId?: string;
    ownerOrgPaths?: string[];
  };
  network: { arn: string; authType: AuthType; policy?: Policy; tags?: Record<string, string> };
  /** arn: arn:aws:ec2:<region>:<acct>:vpc/<id> */
  sourceVpc: { arn: string; id: string; ownerAccount: string; ownerOrgId?: string };
  sourceOrgIdMode: SourceOrgIdMode;
  /** Which services RCPs cover; default `DEFAULT_ORG_SETTINGS` (not vpc-lattice-svcs). */
  orgSettings?: OrgSettings;
}

/** Lattice's own layers, in `explanation`. */
export type Layer = 'network' | 'service' | 'identity';
/**
 * What else bounds a signed caller: its organization's SCPs (or the owner's RCPs), its boundary, its session
 * policies.
 */
export type GuardrailLayer = 'organization' | 'boundary' | 'session';
/** Every layer that can refuse an Invoke. */
export type InvokeLayer = Layer | GuardrailLayer;

/** One guardrail's verdict; `organization` appears twice, for SCPs (`scp`) and RCPs (`rcp`). */
export interface GuardrailExplanation {
  layer: GuardrailLayer;
  policyType: 'scp' | 'rcp' | 'boundary' | 'session';
  decision: Decision | 'NotApplicable';
  /** The boundary, or the session policies together. */
  evaluation?: Evaluation;
  /** SCPs and RCPs: one entry per level, root first. */
  levels?: LevelExplanation[];
  note?: string;
}

export interface LayerExplanation {
  layer: Layer;
  authType?: AuthType;
  decision: Decision | 'NotApplicable';
  evaluation?: Evaluation;
  note?: string;
}

export type InvokeAuthResult =
  | { allowed: true; context: RequestContext; explanation: LayerExplanation[]; guardrails: GuardrailExplanation[] }
  | {
      allowed: false;
      layer: InvokeLayer;
      /** The policy type the message names. */
      source: DenialSource;
      explicit: boolean;
      message: string;
      context: RequestContext;
      explanation: LayerExplanation[];
      guardrails: GuardrailExplanation[];
    };
