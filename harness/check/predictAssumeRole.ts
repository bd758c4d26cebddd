import { decideAssumeRole, type CompiledRole, type CompiledWorld, type SigningPrincipal } from '../../world';
import type { RoleCaller } from '../credentials/createCredentialSource';
import { reportStatements, statementSources } from './reportStatements';
import type { DecisionReport, Prediction } from './types';

export type AssumeRolePrediction =
  | { kind: 'assumed'; role: CompiledRole; principal: Extract<SigningPrincipal, { kind: 'session' }> }
  | { kind: 'refused'; prediction: Extract<Prediction, { kind: 'credentials-failed' }>; report?: DecisionReport };

/** How the runner reaches STS: the local world's STS listens on plain HTTP on 127.0.0.1. */
export interface StsConnection {
  sourceIp: string;
  secure: boolean;
}

export const LOCAL_STS_CONNECTION: StsConnection = { sourceIp: '127.0.0.1', secure: false };

/**
 * Whether STS gives the runner a session of the caller's role: the world's own decision
 * (decideAssumeRole), asked with the runner's identity, with the policy that refused when one did.
 */
export function predictAssumeRole(
  caller: RoleCaller,
  world: CompiledWorld,
  now: Date,
  connection: StsConnection = LOCAL_STS_CONNECTION,
): AssumeRolePrediction {
  const decision = decideAssumeRole(world, {
    caller: { kind: 'user', user: world.runner },
    roleArn: caller.roleArn,
    sessionName: caller.sessionName,
    durationSeconds: caller.durationSeconds,
    ...(caller.externalId !== undefined && { externalId: caller.externalId }),
    sessionTags: caller.sessionTags,
    ...(caller.sessionPolicy !== undefined && { sessionPolicy: caller.sessionPolicy }),
    ...(caller.sessionPolicyArns !== undefined && { sessionPolicyArns: caller.sessionPolicyArns }),
    ...connection,
    now,
  });
  if (decision.kind === 'issued') return { kind: 'assumed', role: decision.role, principal: decision.principal };
  const by = decision.decidedBy;
  return {
    kind: 'refused',
    prediction: { kind: 'credentials-failed', role: caller.roleArn, code: decision.code, message: decision.message },
    ...(by && {
      report: {
        subject: by.subject,
        files: filesOf(world, by.policy?.source),
        decision: by.evaluation?.decision ?? 'ImplicitDeny',
        ...(by.note !== undefined && { note: by.note }),
        statements:
          by.evaluation && by.policy
            ? reportStatements(by.evaluation, by.request, { statements: statementSources(by.policy.source) })
            : [],
      },
    }),
  };
}

/** The policies-as-code file a policy document was read from, if any. */
function filesOf(world: CompiledWorld, source: unknown): string[] {
  const file = source === undefined ? undefined : world.spec.policyFiles?.get(source);
  return file === undefined ? [] : [file];
}
