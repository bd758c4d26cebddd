import type { PolicyDifference } from './compareAuthPolicies';

/** A policy as code for one deployed resource. */
export interface CodeAuthPolicy {
  resourceArn: string;
  /** The file it was read from; absent when it came from a world spec built in code. */
  file?: string;
  document: unknown;
}

export type LatticeResourceType = 'service' | 'servicenetwork';

/**
 * What `check --deployed` finds for one resource:
 * - `same`: the deployed policy means what the code says, and the auth type enforces it;
 * - `differs`: it means something else (the differences say what);
 * - `missing`: no policy is deployed (with AWS_IAM, every request is then denied);
 * - `inactive`: the auth type is NONE, so whatever policy is there is not enforced;
 * - `error`: the control plane could not be asked (access denied, not found, unreachable).
 */
export type DeployedStatus = 'same' | 'differs' | 'missing' | 'inactive' | 'error';

/** What the comparison of the policies alone said (also reported for an inactive resource). */
export type PolicyComparison = 'same' | 'differs' | 'missing';

/** A control-plane call that failed: the operation and the SDK error's name and message (never a credential). */
export interface DeployedError {
  operation: string;
  name: string;
  message: string;
}

export interface DeployedCheck {
  resourceArn: string;
  resourceType: LatticeResourceType;
  /** The resource's name, as the control plane gives it. */
  name?: string;
  file?: string;
  status: DeployedStatus;
  authType?: string;
  /** GetAuthPolicy's `state`: Active or Inactive. */
  policyState?: string;
  lastUpdatedAt?: string;
  policy?: PolicyComparison;
  differences: PolicyDifference[];
  error?: DeployedError;
}

export interface DeployedReport {
  environment: string;
  checks: DeployedCheck[];
  summary: { total: number } & Record<DeployedStatus, number>;
}
