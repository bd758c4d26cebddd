/**
 * Public types of the IAM policy engine. The compiled `Policy` is produced by `parsePolicy`
 * and is opaque to callers apart from `source` (the original JSON value).
 */
import type { CompiledStatement } from './compileStatement';

/** A context value: a string, or an array for a multi-valued key (`[]` = present, empty set). */
export type ContextValue = string | string[];
/** Request context; key names are matched case-insensitively. */
export type RequestContext = Record<string, ContextValue>;

export type Principal =
  | { kind: 'anonymous' }
  /** roleArn: for an assumed-role session arn:aws:sts::A:assumed-role/R/S, the role ARN arn:aws:iam::A:role/<path>R */
  | { kind: 'aws'; arn: string; account: string; roleArn?: string }
  /** e.g. ec2.amazonaws.com */
  | { kind: 'service'; name: string };

export interface EvalRequest {
  principal: Principal | null;
  action: string;
  resource: string | null;
  context: RequestContext;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface ConditionTrace {
  operator: string;
  key: string;
  requestValue: ContextValue | undefined;
  policyValues: string[];
  matched: boolean;
}

export type StatementMismatch = 'principal' | 'action' | 'resource' | 'condition';

export interface StatementTrace {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  applies: boolean;
  /** Why the statement did not apply: the first element that failed. */
  reason?: StatementMismatch;
  conditions: ConditionTrace[];
}

export interface Evaluation {
  decision: Decision;
  statements: StatementTrace[];
}

export type PolicyVersion = '2012-10-17' | '2008-10-17';
export type PolicyKind = 'resource' | 'identity';

export interface ParsePolicyOptions {
  /** 'resource' requires Principal/NotPrincipal; 'identity' forbids them. Unset: either is accepted. */
  kind?: PolicyKind;
  /** Maximum length in characters. Default 10,000 for 'resource' (the Lattice auth policy limit), none otherwise. */
  maxLength?: number;
}

/** A parsed, validated and pre-compiled policy. */
export interface Policy {
  /** The original JSON value. */
  readonly source: unknown;
  readonly version: PolicyVersion | undefined;
  readonly kind: PolicyKind | undefined;
  readonly statements: readonly CompiledStatement[];
  /** Values that can never match (e.g. an invalid CIDR), kept so a linter can report them. */
  readonly warnings: readonly string[];
}
