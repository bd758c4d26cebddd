import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { checkPlan } from '../../harness/check/checkPlan';
import { formatExplanation } from '../../harness/check/formatExplanation';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { matchesPrediction } from '../../harness/report/matchesPrediction';
import { jsonReporter } from '../../harness/reporters/jsonReporter';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import relays from '../../scenarios/worlds/relays';
import { resolveWorld, type WorldConfig } from '../../world';
import { planScenarios } from '../scenarios/planScenarios';
import { sink } from '../reporters/results';
import { projectRoot } from '../support/paths';
import { assume, INVOKER_B } from '../emulator/support/localCalls';

// Policy paths of the world are relative to scenarios/worlds/.
const FILE = join(projectRoot, 'scenarios', 'worlds', 'relays.ts');
const SCENARIOS = join(projectRoot, 'scenarios');
const RUNNER = 'arn:aws:iam::333333333333:user/lattice-e2e-runner';
const fn = (account: string, name: string) => `arn:aws:lambda:us-east-1:${account}:function:${name}`;
const B_RELAY = fn('222222222222', 'lattice-e2e-relay-consumer-b');
const C_RELAY = fn('444444444444', 'lattice-e2e-relay-outsider-c');
const C_OPEN = fn('444444444444', 'lattice-e2e-relay-c-open');
const B_SHARED = fn('222222222222', 'lattice-e2e-relay-b-shared');
const TOOLING = fn('333333333333', 'lattice-e2e-relay-tooling');
const statement = (effect: 'Allow' | 'Deny', principal: string, resource: string) => ({
  Effect: effect,
  Principal: { AWS: principal },
  Action: 'lambda:InvokeFunction',
  Resource: resource,
});
const policy = (...statements: ReturnType<typeof statement>[]) => ({ Version: '2012-10-17', Statement: statements });
/** IAM's documented AccessDenied form, as Lambda writes it for Invoke. */
const denied = (who: string, arn: string, tail: string) =>
  `User: ${who} is not authorized to perform: lambda:InvokeFunction on resource: ${arn} ${tail}`;
const NO_RESOURCE_POLICY = 'because no resource-based policy allows the lambda:InvokeFunction action';

/** The relays world, its functions' policies changed as each case needs. */
function world(change: (config: WorldConfig) => void) {
  const config: WorldConfig = structuredClone(relays);
  change(config);
  return resolveWorld(config, FILE);
}

const refusing = world((c) => {
  const r = c.relays!;
  // As Lambda creates a function: no resource-based policy.
  delete r['consumer-b']!.policy;
  // An explicit deny of the runner wins over the account-wide allow beside it.
  r['outsider-c']!.policy = policy(
    statement('Allow', 'arn:aws:iam::333333333333:root', C_RELAY),
    statement('Deny', RUNNER, '*'),
  );
  r['c-open'] = {
    account: 'outsider-c',
    vpc: 'outsider-c-vpc',
    policy: policy(statement('Allow', RUNNER, C_OPEN)),
  };
  // In the runner's own account, where its identity policy allows lattice-e2e-relay-*.
  r.tooling = { account: 'tooling', vpc: 'tooling-vpc', policy: policy(statement('Deny', RUNNER, TOOLING)) };
  // Granted to B's caller role, whose identity policies allow no Lambda action.
  r['b-shared'] = {
    account: 'consumer-b',
    vpc: 'consumer-b-vpc',
    policy: policy(statement('Allow', 'arn:aws:iam::222222222222:role/lattice-invoker', B_SHARED)),
  };
});

let local: LocalWorld;
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const client = (credentials: Keys) =>
  new LambdaClient({ region: 'us-east-1', endpoint: local.lambdaEndpoint, credentials, maxAttempts: 1 });
const invoke = (credentials: Keys, arn: string) =>
  client(credentials).send(new InvokeCommand({ FunctionName: arn, Payload: new TextEncoder().encode('{}') }));

beforeAll(async () => {
  local = await startLocalWorld({ spec: refusing });
});
afterAll(() => local?.close());

// Through the AWS SDK's Lambda client, over HTTP to the local world.
describe("Lambda Invoke applies the function's resource-based policy, as IAM's evaluation logic does", () => {
  it('cross-account without a resource policy: AccessDeniedException naming the resource-based policy', async () => {
    await expect(invoke(local.world.runnerKey, B_RELAY)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: denied(RUNNER, B_RELAY, NO_RESOURCE_POLICY),
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('cross-account with a resource policy that allows the caller: 200, the function runs', async () => {
    const out = await invoke(local.world.runnerKey, C_OPEN);
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    // The relay ran, and refused the empty payload as no relay request.
    expect(JSON.parse(new TextDecoder().decode(out.Payload))).toMatchObject({ kind: 'refused', reason: 'bad-request' });
  });

  it('an explicit deny in the resource policy refuses, across accounts and in the same account', async () => {
    const explicit = 'with an explicit deny in a resource-based policy';
    await expect(invoke(local.world.runnerKey, C_RELAY)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: denied(RUNNER, C_RELAY, explicit),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(invoke(local.world.runnerKey, TOOLING)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: denied(RUNNER, TOOLING, explicit),
    });
  });

  it('same account: the resource policy alone allows a caller its identity policies do not', async () => {
    const session = await assume(local, INVOKER_B, 'b-session');
    const out = await invoke(session, B_SHARED);
    expect(out.StatusCode).toBe(200);
    // The same role's session may not invoke B's relay, whose policy does not name it.
    await expect(invoke(session, B_RELAY)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: denied(
        'arn:aws:sts::222222222222:assumed-role/lattice-invoker/b-session',
        B_RELAY,
        'because no identity-based policy allows the lambda:InvokeFunction action',
      ),
    });
    // The grant is to B's role: the runner, in another account, is refused though its identity policy allows.
    await expect(invoke(local.world.runnerKey, B_SHARED)).rejects.toMatchObject({
      message: denied(RUNNER, B_SHARED, NO_RESOURCE_POLICY),
    });
  });

  it("the caller's SCPs apply: an explicit deny in one refuses what the function's policy allows", async () => {
    const scp = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: '*' }],
    };
    const guarded = world((c) => {
      c.organization!.policies = { scps: { 'no-lambda': { document: scp, targets: ['root'] } } };
    });
    const other = await startLocalWorld({ spec: guarded });
    try {
      const lambda = new LambdaClient({
        region: 'us-east-1',
        endpoint: other.lambdaEndpoint,
        credentials: other.world.runnerKey,
        maxAttempts: 1,
      });
      await expect(lambda.send(new InvokeCommand({ FunctionName: B_RELAY }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: denied(RUNNER, B_RELAY, 'with an explicit deny in a service control policy'),
      });
    } finally {
      await other.close();
    }
  });
});

describe('a scenario through a relay the runner may not invoke', () => {
  it('is relay-failed (invoke-failed), never allowed nor denied as expected; check predicts just that', async () => {
    const env = localEnvironment(local);
    const calls = (await planScenarios(SCENARIOS, env)).calls.filter((c) => c.caller.relay !== undefined);
    const inOrg = calls.find((c) => c.scenario === 'relays-in-org')!;
    const outOfOrg = calls.find((c) => c.scenario === 'relays-out-of-org')!;
    // One expects an allow (through B's relay, no policy), one a network denial (C's relay, denying the runner).
    expect([inOrg.caller.relay, inOrg.expect.kind]).toEqual([B_RELAY, 'allow']);
    expect([outOfOrg.caller.relay, outOfOrg.expect.kind]).toEqual([C_RELAY, 'deny']);
    const out = sink();
    const redactor = new Redactor();
    const summary = await runPlan(
      { environment: env, calls: [inOrg, outOfOrg] },
      { reporter: jsonReporter(out as never), redactor, credentials: createCredentialSource(env) },
    );
    expect(summary).toMatchObject({ passed: 0, failed: 2 });
    const results = JSON.parse(out.text).results as { observed: Record<string, unknown>; passed: boolean }[];
    const messages = [
      `AccessDeniedException: ${denied(RUNNER, B_RELAY, NO_RESOURCE_POLICY)}`,
      `AccessDeniedException: ${denied(RUNNER, C_RELAY, 'with an explicit deny in a resource-based policy')}`,
    ];
    for (const [i, relay] of [B_RELAY, C_RELAY].entries()) {
      expect(results[i]!.observed).toEqual({
        kind: 'relay-failed',
        relay,
        reason: 'invoke-failed',
        message: messages[i],
        transient: false,
      });
      expect(results[i]!.passed).toBe(false);
    }

    // Offline, from the same world: the same outcome, the expectations disagree, the function's policy explained.
    const checked = checkPlan({ environment: localCheckEnvironment(refusing), calls: [inOrg, outOfOrg] }, refusing);
    expect(checked.summary).toMatchObject({ total: 2, agree: 0, disagree: 2 });
    for (const [i, c] of checked.calls.entries()) {
      expect(c.prediction).toEqual({
        kind: 'relay-failed',
        relay: [B_RELAY, C_RELAY][i],
        reason: 'invoke-failed',
        message: messages[i],
      });
      expect(matchesPrediction(c.prediction!, results[i]!.observed as never)).toBe(true);
      expect(c.reason).toContain('relay-failed');
    }
    expect(checked.calls[0]!.explanation!.relay).toMatchObject({
      subject: 'relay consumer-b (function lattice-e2e-relay-consumer-b, 222222222222) resource policy',
      note: 'the function has no resource-based policy',
    });
    expect(formatExplanation(checked.calls[0]!.explanation!)).toContain(
      'lambda   relay consumer-b (function lattice-e2e-relay-consumer-b, 222222222222) resource policy: ' +
        'denies (no statement allows); the function has no resource-based policy',
    );
    expect(checked.calls[1]!.explanation!.relay).toMatchObject({
      decision: 'ExplicitDeny',
      statements: expect.arrayContaining([expect.objectContaining({ index: 1, effect: 'Deny', applies: true })]),
    });
  });
});
