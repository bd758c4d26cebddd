import type { AuthType, ContextValue, Decision, SourceOrgIdMode, StatementMismatch } from '../../policy';
import type { Layer } from '../config/types';
import type { PlannedCall } from '../resolve/types';

/**
 * A predicted outcome, in the vocabulary of observed outcomes (classify/outcome.ts). `allowed`
 * carries the target's status and body only when the world fixes them (a `fixed` target).
 */
export type Prediction =
  | { kind: 'allowed'; status?: number; body?: string }
  | { kind: 'denied'; layer: Layer; explicit: boolean; principal: string; resource: string; message: string }
  /**
   * `UNKNOWN_HOST`: no service has the URL's host name; `NO_LISTENER`: the service has no listener
   * on the URL's protocol and port; `NOT_ASSOCIATED`: the source VPC reaches no network holding the service.
   */
  | { kind: 'unreachable'; code: 'UNKNOWN_HOST' | 'NO_LISTENER' | 'NOT_ASSOCIATED'; message: string }
  | { kind: 'credentials-failed'; role: string; code: string; message: string }
  /** Lambda refuses the runner's Invoke of the caller's relay (its ARN): no request reaches Lattice. */
  | { kind: 'relay-failed'; relay: string; reason: 'invoke-failed'; message: string };

export type PredictionKind = Prediction['kind'];

/** One condition of a statement as it met the request. `requestValue` null: the key is absent. */
export interface ConditionReport {
  operator: string;
  key: string;
  requestValue: ContextValue | null;
  policyValues: string[];
  matched: boolean;
  /** Where the request value came from, when that is not obvious (aws:SourceOrgID, run-time-only values). */
  note?: string;
}

/** A statement that decided a layer: one that applied, or (for a layer nothing allowed) an Allow that did not. */
export interface StatementReport {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  applies: boolean;
  /** The first element that did not match. */
  mismatch?: StatementMismatch;
  /** For a principal, action or resource mismatch: the element as written against the request's value. */
  detail?: string;
  conditions: ConditionReport[];
}

/** How one set of policies decided a request, and the statements that decided it. */
export interface DecisionReport {
  /** What the policies belong to, e.g. `service network guarded-network`, `role lattice-invoker (222222222222)`. */
  subject: string;
  /** The policies-as-code files the policies came from, when they did. */
  files: string[];
  decision: Decision | 'NotApplicable';
  note?: string;
  statements: StatementReport[];
}

/** One of Lattice's three layers. */
export interface LayerReport extends DecisionReport {
  layer: Layer;
  authType?: AuthType;
}

/** What bounds a signed caller besides Lattice's layers: SCPs or RCPs (`organization`), boundary, session policies. */
export interface GuardrailReport extends DecisionReport {
  layer: 'organization' | 'boundary' | 'session';
  policyType: 'scp' | 'rcp' | 'boundary' | 'session';
}

/** Why a call is predicted as it is: where it comes from and goes, then each layer's decision. */
export interface Explanation {
  caller: {
    name: string;
    /** The principal Lattice would name: the assumed-role session ARN, or `anonymous`. */
    principal: string;
    account?: string;
    orgId?: string;
  };
  sourceVpc: { id: string; account: string; orgId?: string; address: string; matchedBy: 'address' | 'runner-vpc' };
  service?: { name: string; arn: string };
  network?: { name: string; arn: string };
  sourceOrgIdMode: SourceOrgIdMode;
  /** The caller's AssumeRole, when it is refused (the trust policy, or the runner's own permission). */
  credentials?: DecisionReport;
  /** The runner's Invoke of the caller's relay, when Lambda refuses it (the function's policy, or the runner's). */
  relay?: DecisionReport;
  /** network, service, identity; empty when the call never reaches Lattice's authorizer. */
  layers: LayerReport[];
  /** SCPs, RCPs, boundary, session policies that took part (absent or empty: none did). */
  guardrails?: GuardrailReport[];
  notes: string[];
}

export interface PredictedCall {
  prediction: Prediction;
  explanation: Explanation;
}

/** One planned call: the prediction, whether the scenario's expectation agrees with it, and why. */
export interface CallCheck {
  call: PlannedCall;
  /** Absent only with `error`: the world's policies could not be read. */
  prediction?: Prediction;
  agrees: boolean;
  /** Why the expectation disagrees (judgeOutcome's reason). */
  reason?: string;
  /** What of the expectation was left out because the world does not fix it (the target's status or body). */
  notCompared?: string;
  explanation?: Explanation;
  /** Why nothing could be predicted. */
  error?: string;
}

export type LintSeverity = 'error' | 'warning';

export type LintRule =
  | 'invalid-policy'
  | 'engine-warning'
  | 'action-never-invoke'
  | 'unknown-condition-key'
  | 'source-org-id'
  | 'resource-other-service'
  | 'query-string-single-valued'
  | 'client-dependent-key';

export interface LintFinding {
  severity: LintSeverity;
  rule: LintRule;
  /** What the policy is attached to, e.g. `service network guarded-network auth policy`. */
  policy: string;
  file?: string;
  /**
   * The place in the policy, in the engine's notation: `Statement[0] (Sid
   * "x").Condition.StringEquals.aws:SourceOrgID`.
   */
  where: string;
  message: string;
  /** Why it matters, in a sentence or two. */
  why?: string;
}

export interface CheckSummary {
  total: number;
  agree: number;
  disagree: number;
  lintErrors: number;
  lintWarnings: number;
}

export interface CheckReport {
  calls: CallCheck[];
  lint: LintFinding[];
  summary: CheckSummary;
}
