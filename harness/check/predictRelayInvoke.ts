import type { CompiledWorld } from '../../world';
import { decideLambdaInvoke } from '../../world/decideLambdaInvoke';
import type { StsConnection } from './predictAssumeRole';
import { LOCAL_STS_CONNECTION } from './predictAssumeRole';
import { reportStatements, statementSources } from './reportStatements';
import type { DecisionReport, Prediction } from './types';

export type RelayRefusal = { prediction: Extract<Prediction, { kind: 'relay-failed' }>; report?: DecisionReport };

/**
 * Whether Lambda lets the runner invoke a caller's relay: the world's own decision (decideLambdaInvoke), asked with
 * the runner's identity, as the harness invokes it. A refusal is what the harness reports for it (sendViaRelay):
 * `relay-failed`, `invoke-failed`, `AccessDeniedException: <Lambda's message>`. Undefined: the runner may invoke it.
 * The runner reaches Lambda as it reaches STS (`connection`; the local world's: 127.0.0.1, plain HTTP).
 */
export function predictRelayInvoke(
  relay: string,
  world: CompiledWorld,
  now: Date,
  connection: StsConnection = LOCAL_STS_CONNECTION,
): RelayRefusal | undefined {
  const decision = decideLambdaInvoke(world, {
    caller: { kind: 'user', user: world.runner },
    // The harness may name a qualified ARN (`:$LATEST`, an alias): the function is the unqualified one.
    functionArn: relay.split(':').slice(0, 7).join(':'),
    ...connection,
    now,
    region: world.spec.region,
  });
  if (decision.kind === 'allowed') return undefined;
  const by = decision.decidedBy;
  const file = by?.policy && world.spec.policyFiles?.get(by.policy.source);
  return {
    prediction: {
      kind: 'relay-failed',
      relay,
      reason: 'invoke-failed',
      message: `AccessDeniedException: ${decision.message}`,
    },
    ...(by && {
      report: {
        subject: by.subject,
        files: file === undefined ? [] : [file],
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
