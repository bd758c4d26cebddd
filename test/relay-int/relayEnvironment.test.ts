import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { ConfigFileError } from '../../harness/errors';
import { resolveEnvironment } from '../../harness/resolve/resolveEnvironment';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runCall, type CallDeps } from '../../harness/run/runCall';
import { createRelay } from '../../relay/handler';
import { loadWorld } from '../../world';
import { planScenarios } from '../scenarios/planScenarios';
import { projectRoot } from '../support/paths';

const dir = join(projectRoot, 'scenarios');
const FILE = '/env/staging.ts';
const RELAY = 'arn:aws:lambda:eu-west-1:222222222222:function:lattice-e2e-relay-consumer-b';
const base = {
  region: 'eu-west-1',
  services: {
    parking: {
      url: 'https://parking.example.com',
      arn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0',
    },
  },
};

describe('an environment file: callers through relays', () => {
  it('reads a caller relay (a Lambda function ARN) and lambdaEndpoint', () => {
    const env = resolveEnvironment('staging', FILE, {
      ...base,
      lambdaEndpoint: 'https://lambda.example.com',
      callers: {
        b: { roleArn: 'arn:aws:iam::222222222222:role/lattice-invoker', relay: RELAY },
        anonymous: { anonymous: true, relay: RELAY },
      },
    });
    expect(env.lambdaEndpoint).toBe('https://lambda.example.com/');
    expect(env.callers.b).toMatchObject({ kind: 'role', relay: RELAY });
    expect(env.callers.anonymous).toEqual({ kind: 'anonymous', name: 'anonymous', relay: RELAY });
  });

  it.each([
    [
      'callers.b.relay',
      { roleArn: 'arn:aws:iam::222222222222:role/r', relay: 'lattice-e2e-relay-b' },
      'Lambda function ARN',
    ],
    ['callers.b.relay', { anonymous: true, relay: 'arn:aws:iam::222222222222:role/r' }, 'Lambda function ARN'],
    ['callers.b.relay', { roleArn: 'arn:aws:iam::222222222222:role/r', relay: 42 }, 'non-empty string'],
  ])('refuses a bad %s, naming the file and the field', (field, caller, detail) => {
    let error: unknown;
    try {
      resolveEnvironment('staging', FILE, { ...base, callers: { b: caller } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error).toMatchObject({ file: FILE, field });
    expect((error as Error).message).toContain(detail);
  });

  it('refuses a lambdaEndpoint that is not a URL, and a relay for the policy reader', () => {
    expect(() => resolveEnvironment('s', FILE, { ...base, callers: {}, lambdaEndpoint: 'nope' })).toThrow(
      /lambdaEndpoint/,
    );
    const reader = { roleArn: 'arn:aws:iam::111111111111:role/reader', relay: RELAY };
    expect(() => resolveEnvironment('s', FILE, { ...base, callers: {}, authPolicyReader: reader })).toThrow(
      /authPolicyReader\.relay.*unknown field/,
    );
  });
});

// How the harness reads what came back through a relay, against the local world.
describe('answers through a relay, read by the harness', () => {
  let world: LocalWorld;
  let env: ResolvedEnvironment;
  let inOrg: PlannedCall;
  let outsider: PlannedCall;
  let mode: 'relay' | 'throw' | 'garbage' = 'relay';
  beforeAll(async () => {
    world = await startLocalWorld({
      spec: await loadWorld('relays', dir),
      relay: (options) => {
        const relay = createRelay(options);
        return async (event) => {
          if (mode === 'throw') throw new RangeError('out of range');
          if (mode === 'garbage') return { v: 1, kind: 'response', status: 200, headers: {}, body: '***' };
          return relay(event);
        };
      },
    });
    env = localEnvironment(world);
    const calls = (await planScenarios(dir, env)).calls;
    inOrg = calls.find((c) => c.scenario === 'relays-in-org')!;
    outsider = calls.find((c) => c.scenario === 'relays-out-of-org')!;
  });
  afterAll(() => world?.close());

  const deps = (extra: Partial<CallDeps> = {}): CallDeps => ({
    credentials: createCredentialSource(env),
    redactor: new Redactor(),
    sleep: async () => undefined,
    ...extra,
  });

  it('a function error and an answer that is no relay answer are relay-failed, for allow and deny alike', async () => {
    try {
      mode = 'throw';
      for (const call of [inOrg, outsider]) {
        const result = await runCall(call, env, deps());
        expect(result.status).toBe('failed');
        expect(result.outcome).toEqual({
          kind: 'relay-failed',
          relay: call.caller.relay,
          reason: 'function-error',
          message: 'RangeError: out of range',
          transient: false,
        });
      }
      mode = 'garbage';
      const result = await runCall(inOrg, env, deps());
      expect(result.outcome).toMatchObject({ kind: 'relay-failed', reason: 'invalid-answer' });
      expect(result.verdict.passed).toBe(false);
    } finally {
      mode = 'relay';
    }
  });

  it('AWS_ENDPOINT_URL_LAMBDA is honoured when the environment names no lambdaEndpoint', async () => {
    const { lambdaEndpoint, ...withoutEndpoint } = env;
    const saved = process.env.AWS_ENDPOINT_URL_LAMBDA;
    process.env.AWS_ENDPOINT_URL_LAMBDA = lambdaEndpoint;
    try {
      const result = await runCall(inOrg, withoutEndpoint, deps());
      expect(result.outcome).toMatchObject({ kind: 'allowed', status: 200 });
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_LAMBDA;
      else process.env.AWS_ENDPOINT_URL_LAMBDA = saved;
    }
  });

  it('throttling is retried, and a pass after it is flaky; throttling that lasts is relay-failed', async () => {
    // Lambda's own throttling cannot be provoked locally: the first Invoke is refused as the SDK reports it.
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
    let refusals = 1;
    const real = (await import('../../harness/send/createLambdaInvoker')).createLambdaInvoker(env);
    const invokeLambda: CallDeps['invokeLambda'] = async (...args) => {
      if (refusals-- > 0) throw throttled;
      return real(...args);
    };
    const flaky = await runCall(inOrg, env, deps({ invokeLambda }));
    expect(flaky).toMatchObject({ status: 'flaky', attempts: 2, retried: ['relay-failed'] });
    expect(flaky.outcome.kind).toBe('allowed');

    refusals = 99;
    const failed = await runCall(inOrg, env, deps({ invokeLambda }));
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.outcome).toMatchObject({
      kind: 'relay-failed',
      reason: 'invoke-failed',
      message: 'TooManyRequestsException: Rate exceeded',
      transient: true,
    });
  });
});
