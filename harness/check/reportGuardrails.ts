import type { EvalRequest, GuardrailExplanation } from '../../policy';
import {
  findGuardrailDecider,
  orgLevelsOf,
  type CompiledWorld,
  type GuardrailSources,
  type SigningPrincipal,
} from '../../world';
import type { PolicyFiles } from './predictCall';
import { reportStatements, statementSources } from './reportStatements';
import type { GuardrailReport } from './types';

/** Where an Invoke's guardrail policies come from: the caller's SCPs, boundary, session policies; the owner's RCPs. */
export function guardrailSources(
  world: CompiledWorld,
  caller: SigningPrincipal | { kind: 'anonymous' },
  serviceAccount: string,
): GuardrailSources {
  const rcp = orgLevelsOf(world, serviceAccount, 'rcp');
  if (caller.kind === 'anonymous') return { ...(rcp && { rcp }) };
  const account = caller.kind === 'user' ? caller.user.spec.account : caller.role.spec.account;
  const scp = orgLevelsOf(world, account, 'scp');
  const boundary = caller.kind === 'user' ? caller.user.boundary : caller.role.boundary;
  const session = caller.kind === 'session' ? caller.sessionPolicies : undefined;
  return { ...(scp && { scp }), ...(rcp && { rcp }), ...(boundary && { boundary }), ...(session && { session }) };
}

/**
 * The guardrails that took part in an Invoke's decision (SCPs, RCPs, boundary, session policies),
 * each with the policy that decided it: for SCPs and RCPs, its name and its place in the OU tree
 * (root, OU, account) and file. Not-applicable ones are left out, except SCPs not applied to the
 * management account (that is a decision worth seeing).
 */
export function reportGuardrails(
  guardrails: readonly GuardrailExplanation[],
  sources: GuardrailSources,
  request: EvalRequest,
  files: PolicyFiles | undefined,
  noteFor: (key: string) => string | undefined,
): GuardrailReport[] {
  return guardrails.flatMap((g): GuardrailReport[] => {
    const base = { layer: g.layer, policyType: g.policyType };
    if (g.decision === 'NotApplicable') {
      if (g.policyType !== 'scp' || !sources.scp?.isManagementAccount) return [];
      const note = g.note !== undefined ? { note: g.note } : {};
      return [{ ...base, subject: 'SCPs', files: [], decision: g.decision, ...note, statements: [] }];
    }
    const decider = findGuardrailDecider(g.policyType, g, sources, request);
    const file = decider?.policy ? fileOf(files, decider.policy.source) : undefined;
    const note = decider?.note ?? g.note;
    return [
      {
        ...base,
        subject: decider?.subject ?? g.policyType,
        files: file ? [file] : [],
        decision: g.decision,
        ...(note !== undefined && { note }),
        statements:
          decider?.policy && decider.evaluation
            ? reportStatements(decider.evaluation, request, {
                statements: statementSources(decider.policy.source),
                noteFor,
              })
            : [],
      },
    ];
  });
}

/**
 * The file a policy document was read from: by identity, else (a session policy sent to STS as
 * JSON text and read back) the file holding the same document.
 */
function fileOf(files: PolicyFiles | undefined, source: unknown): string | undefined {
  if (!files) return undefined;
  const direct = files.get(source);
  if (direct !== undefined) return direct;
  const text = JSON.stringify(source);
  for (const [document, file] of files) if (JSON.stringify(document) === text) return file;
  return undefined;
}
