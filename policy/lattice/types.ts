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
  /** `User` for an IAM user signing with its own keys (then `arn` and `roleArn` are the user's ARN). Default `AssumedRole`. */
  principalType?: 'AssumedRole' | 'User';
  /** The role's identity-based policies (kind 'identity'). */
  identityPolicies: Policy[];
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
  service: { arn: string; authType: AuthType; policy?: Policy; tags?: Record<string, string> };
  network: { arn: string; authType: AuthType; policy?: Policy; tags?: Record<string, string> };
  /** arn: arn:aws:ec2:<region>:<acct>:vpc/<id> */
  sourceVpc: { arn: string; id: string; ownerAccount: string; ownerOrgId?: string };
  sourceOrgIdMode: SourceOrgIdMode;
}

export type Layer = 'network' | 'service' | 'identity';

export interface LayerExplanation {
  layer: Layer;
  authType?: AuthType;
  decision: Decision | 'NotApplicable';
  evaluation?: Evaluation;
  note?: string;
}

export type InvokeAuthResult =
  | { allowed: true; context: RequestContext; explanation: LayerExplanation[] }
  | {
      allowed: false;
      layer: Layer;
      explicit: boolean;
      message: string;
      context: RequestContext;
      explanation: LayerExplanation[];
    };
