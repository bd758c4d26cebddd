import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { seedWorld } from '../../world';
import type { WorldSpec } from '../../world';
import { predictCall } from '../../harness/check/predictCall';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';

// Roles in the runner's own account whose names the runner's identity policy (lattice-*) does not cover.
const spec: WorldSpec = seedWorld();
const tooling = spec.runner.account;
const trust = (principal: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
});
const invoke = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
};
spec.roles.push(
  { name: 'probe-trusts-account', account: tooling, trustPolicy: trust(tooling), identityPolicies: [invoke] },
  {
    name: 'probe-trusts-runner',
    account: tooling,
    trustPolicy: trust(`arn:aws:iam::${tooling}:user/${spec.runner.userName}`),
    identityPolicies: [invoke],
  },
);

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld({ spec });
  env = localEnvironment(local);
});
afterAll(() => local.close());

const call = (role: string): PlannedCall => ({
  id: `same-account › ${role}`,
  scenario: 'same-account',
  name: role,
  caller: {
    kind: 'role',
    name: role,
    roleArn: `arn:aws:iam::${tooling}:role/${role}`,
    sessionName: `lattice-e2e-${role}`,
    durationSeconds: 3600,
    sessionTags: {},
    signing: 'sigv4',
    localAddress: '127.0.0.11',
  },
  service: env.services.parking,
  request: { method: 'POST', path: '/', headers: {}, query: {} },
  expect: { kind: 'allow' },
});

describe("AssumeRole within the runner's account: predicted as the local STS decides", () => {
  for (const [role, expected] of [
    ['probe-trusts-account', 'credentials-failed'],
    ['probe-trusts-runner', 'denied'],
  ] as const) {
    it(`${role}: ${expected}`, async () => {
      const observed = await runCall(call(role), env, {
        credentials: createCredentialSource(env),
        redactor: new Redactor(),
      });
      const predicted = predictCall(call(role), spec).prediction;
      expect(observed.outcome.kind).toBe(expected);
      expect(predicted.kind).toBe(expected);
    });
  }
});
