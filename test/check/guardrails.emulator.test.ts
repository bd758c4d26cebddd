import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { predictCall } from '../../harness/check/predictCall';
import type { Prediction } from '../../harness/check/types';
import type { Outcome } from '../../harness/classify/outcome';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import { loadWorld, type WorldSpec } from '../../world';
import { projectRoot } from '../support/paths';
import { join } from 'node:path';

// The guardrails world, run for real (STS and Lattice through the AWS SDK and SigV4 over HTTP) and
// predicted offline: the two must agree on every caller, and both must match what the AWS
// documentation says of SCPs, boundaries and session policies.
const SERVICE = 'arn:aws:vpc-lattice:us-east-1:200000000002:service/svc-c6fb7198c33985ce2/';
const RUNNER = 'arn:aws:iam::500000000005:user/lattice-e2e-runner';
const session = (account: string, role: string, caller: string) =>
  `arn:aws:sts::${account}:assumed-role/${role}/lattice-e2e-${caller}`;
const denied = (principal: string, tail: string) =>
  `AccessDeniedException: User: ${principal} is not authorized to ` +
  `perform: vpc-lattice-svcs:Invoke on resource: ${SERVICE} ${tail}`;

/** What each caller sees, from the IAM User Guide's documented texts. */
function expected(managementIsExempt: boolean): Record<string, object> {
  const management = session('100000000001', 'lattice-invoker', 'management');
  return {
    workload: { kind: 'allowed', status: 200, body: '"orders"' },
    'workload-scoped-invoke': { kind: 'allowed', status: 200, body: '"orders"' },
    'workload-bounded': {
      kind: 'denied',
      layer: 'boundary',
      explicit: false,
      text: denied(
        session('300000000003', 'lattice-bounded', 'workload-bounded'),
        'because no permissions boundary allows the vpc-lattice-svcs:Invoke action',
      ),
    },
    'workload-scoped-down': {
      kind: 'denied',
      layer: 'session',
      explicit: false,
      text: denied(
        session('300000000003', 'lattice-invoker', 'workload-scoped-down'),
        'because no session policy allows the vpc-lattice-svcs:Invoke action',
      ),
    },
    sandbox: {
      kind: 'denied',
      layer: 'organization',
      explicit: true,
      text: denied(
        session('400000000004', 'lattice-invoker', 'sandbox'),
        'with an explicit deny in a service control policy',
      ),
    },
    // "SCPs do not affect users or roles in the management account" (Organizations User Guide).
    management: managementIsExempt
      ? { kind: 'allowed', status: 200, body: '"orders"' }
      : {
          kind: 'denied',
          layer: 'organization',
          explicit: true,
          text: denied(management, 'with an explicit deny in a service control policy'),
        },
    quarantined: {
      kind: 'credentials-failed',
      code: 'AccessDenied',
      message:
        `User: ${RUNNER} is not authorized to perform: sts:AssumeRole on ` +
        `resource: arn:aws:iam::400000000004:role/lattice-quarantined with an ` +
        `explicit deny in a service control policy`,
    },
  };
}

function shapeOfObserved(o: Outcome): object {
  if (o.kind === 'allowed') return { kind: o.kind, status: o.status, body: o.body };
  if (o.kind === 'denied') return { kind: o.kind, layer: o.layer, explicit: o.explicit, text: o.body };
  if (o.kind === 'credentials-failed') return { kind: o.kind, code: o.code, message: o.message };
  return { kind: o.kind };
}

function shapeOfPredicted(p: Prediction): object {
  if (p.kind === 'allowed') return { kind: p.kind, status: p.status, body: p.body };
  if (p.kind === 'denied') return { kind: p.kind, layer: p.layer, explicit: p.explicit, text: p.message };
  if (p.kind === 'credentials-failed') return { kind: p.kind, code: p.code, message: p.message };
  return { kind: p.kind };
}

const VARIANTS: Record<string, { exempt: boolean; edit: (spec: WorldSpec) => void }> = {
  'as written (account management is the management account)': { exempt: true, edit: () => undefined },
  'with no management account named (the same account is a member, under the root)': {
    exempt: false,
    edit: (spec) => delete spec.organization.managementAccount,
  },
};

describe.each(Object.entries(VARIANTS))('the guardrails world, %s', (_name, variant) => {
  let local: LocalWorld;

  beforeAll(async () => {
    const spec = await loadWorld('guardrails', join(projectRoot, 'scenarios'));
    variant.edit(spec);
    local = await startLocalWorld({ spec });
  });
  afterAll(() => local?.close());

  it('every caller sees what the documentation says, and check predicts exactly that', async () => {
    const env = localEnvironment(local);
    const scenario = {
      service: 'orders',
      calls: Object.keys(env.callers).map((caller) => ({ caller, expect: { allow: true } })),
    };
    const calls = resolveScenario('guardrails', 'guardrails.ts', scenario, env);
    const deps = {
      credentials: createCredentialSource(env),
      redactor: new Redactor(),
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      sleep: async () => {},
    };
    const results = await Promise.all(calls.map((call) => runCall(call, env, deps)));
    const observed = Object.fromEntries(results.map((r) => [r.call.caller.name, shapeOfObserved(r.outcome)]));
    const predicted = Object.fromEntries(
      calls.map((c) => [c.caller.name, shapeOfPredicted(predictCall(c, local.world.spec).prediction)]),
    );
    expect(observed).toEqual(expected(variant.exempt));
    expect(predicted).toEqual(observed);
  });

  it("check's explanation of the refused AssumeRole names the SCP, where it is attached, and its file", () => {
    const env = localEnvironment(local);
    const scenario = { service: 'orders', calls: [{ caller: 'quarantined', expect: { allow: true } }] };
    const [call] = resolveScenario('guardrails', 'guardrails.ts', scenario, env);
    const { explanation } = predictCall(call!, local.world.spec);
    expect(explanation.credentials).toMatchObject({
      subject: 'SCP deny-quarantined-roles attached to root r-gr01',
      files: [join(projectRoot, 'scenarios', 'worlds', 'guardrails', 'scp-deny-quarantined-roles.json')],
      decision: 'ExplicitDeny',
      statements: [expect.objectContaining({ sid: 'NoQuarantinedRoles', effect: 'Deny', applies: true })],
    });
  });
});
