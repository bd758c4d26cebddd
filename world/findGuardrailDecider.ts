import { evaluatePolicy, type Decision, type EvalRequest, type Evaluation, type Policy } from '../policy';
import type { LevelExplanation } from '../policy/org/types';
import type { WorldPolicy } from './compileWorld';
import type { OrgPathView } from './orgLevels';

/** What a guardrail type's verdict came from, as the engine explains it. */
export interface GuardrailVerdict {
  decision: Decision | 'NotApplicable';
  evaluation?: Evaluation;
  levels?: LevelExplanation[];
}

/** Where each guardrail type's policies came from in the world. */
export interface GuardrailSources {
  scp?: OrgPathView;
  rcp?: OrgPathView;
  boundary?: WorldPolicy;
  session?: SessionPolicy[];
}

/** A session policy, with what names it: `inline session policy` or `managed session policy <arn>`. */
export type SessionPolicy = WorldPolicy & { label?: string };

/** The policy that decided a guardrail: named by its place (an SCP's level in the OU tree), or why none did. */
export interface GuardrailDecider {
  subject: string;
  policy?: Policy;
  evaluation?: Evaluation;
  note?: string;
}

const TYPE_NAME = { scp: 'SCP', rcp: 'RCP' } as const;

/**
 * The one policy to show for a guardrail type's decision: for an explicit deny, the policy that
 * denies (for SCPs and RCPs, at the first level that does); for an implicit deny, the first level
 * with no allowing policy (and its first policy), or the boundary, or the first session policy that
 * does not allow; for an allow, the policy that allows.
 */
export function findGuardrailDecider(
  type: 'scp' | 'rcp' | 'boundary' | 'session',
  verdict: GuardrailVerdict,
  sources: GuardrailSources,
  request: EvalRequest,
): GuardrailDecider | undefined {
  if (verdict.decision === 'NotApplicable') return undefined;
  if (type === 'scp' || type === 'rcp') {
    const path = sources[type];
    const levels = verdict.levels ?? [];
    const index = levels.findIndex((l) => l.decision === verdict.decision && verdict.decision !== 'Allow');
    const at = index >= 0 ? index : levels.length - 1;
    const level = path?.levels[at];
    const explained = levels[at];
    if (!level || !explained) return undefined;
    const pick = explained.evaluations.findIndex((e) => e.decision === explained.decision);
    const i = Math.max(pick, 0);
    const policy = level.policies[i];
    if (!policy) {
      return { subject: `${TYPE_NAME[type]}s at ${level.label}`, note: `no ${TYPE_NAME[type]} is attached there` };
    }
    return {
      subject: `${TYPE_NAME[type]} ${policy.spec.name} attached to ${level.label}`,
      policy: policy.policy.policy,
      evaluation: explained.evaluations[i]!,
    };
  }
  if (type === 'boundary') {
    const boundary = sources.boundary;
    if (!boundary || !verdict.evaluation) return undefined;
    return { subject: 'permissions boundary', policy: boundary.policy, evaluation: verdict.evaluation };
  }
  const session = sources.session ?? [];
  const evaluated = session.map((p) => ({ p, evaluation: evaluatePolicy(p.policy, request) }));
  const wanted =
    verdict.decision === 'ExplicitDeny'
      ? evaluated.find((e) => e.evaluation.decision === 'ExplicitDeny')
      : verdict.decision === 'Allow'
        ? evaluated.find((e) => e.evaluation.decision === 'Allow')
        : evaluated.find((e) => e.evaluation.decision !== 'Allow');
  if (!wanted) return undefined;
  const n = session.indexOf(wanted.p) + 1;
  const label = wanted.p.label ?? `session policy ${n} of ${session.length}`;
  return { subject: label, policy: wanted.p.policy, evaluation: wanted.evaluation };
}
