import { describe, expect, it } from 'vitest';
import { SEED, seedWorld } from '../../world';
import type { WorldSpec } from '../../world';
import { checkPlan, judgePrediction } from '../../harness/check/checkPlan';
import { formatExplanation } from '../../harness/check/formatExplanation';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { predictCall } from '../../harness/check/predictCall';
import { resolveWireRequest } from '../../harness/check/resolveWireRequest';
import { runCheckCli } from '../../harness/check/runCheckCli';
import type { ExpectConfig, RequestConfig } from '../../harness/config/types';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import type { PlannedCall } from '../../harness/resolve/types';

const NOW = new Date('2025-03-04T05:06:07.000Z');

function planned(
  spec: WorldSpec,
  caller: string,
  service = 'parking',
  request: RequestConfig = {},
  expect: ExpectConfig = { allow: true },
): PlannedCall {
  return resolveScenario(
    't',
    't.ts',
    { service, request, calls: [{ caller, expect }] },
    localCheckEnvironment(spec),
  )[0]!;
}

const seedWith = (change: (spec: WorldSpec) => void) => {
  const spec = seedWorld();
  change(spec);
  return spec;
};

describe('predictions under each sourceOrgIdMode', () => {
  const outcomes = (spec: WorldSpec, mode?: WorldSpec['sourceOrgIdMode']) =>
    Object.fromEntries(
      ['consumer-b', 'outsider-c', 'anonymous'].map((caller) => {
        const p = predictCall(planned(spec, caller), spec, {
          now: NOW,
          ...(mode && { sourceOrgIdMode: mode }),
        }).prediction;
        return [caller, p.kind === 'denied' ? `denied ${p.layer}` : p.kind];
      }),
    );

  it('principal: the caller’s organization; an outsider and an anonymous caller have none', () => {
    expect(outcomes(seedWorld())).toEqual({
      'consumer-b': 'allowed',
      'outsider-c': 'denied network',
      anonymous: 'denied network',
    });
  });

  it('source-vpc-owner: the VPC owner’s organization decides, not the principal’s', () => {
    // Each caller in a VPC of its own account: the same answers as `principal`, which is why the seed article
    // could not tell.
    expect(outcomes(seedWorld(), 'source-vpc-owner')).toEqual({
      'consumer-b': 'allowed',
      'outsider-c': 'denied network',
      anonymous: 'denied service',
    });
    // The outsider's VPC owned by in-org account B: the outsider passes the guardrail.
    const shared = seedWith(
      (spec) => (spec.vpcs.find((v) => v.id === 'vpc-0c0c0c0c0c0c0c0c0')!.account = SEED.accounts.consumerB),
    );
    expect(outcomes(shared, 'source-vpc-owner')).toEqual({
      'consumer-b': 'allowed',
      'outsider-c': 'allowed',
      anonymous: 'denied service',
    });
    expect(outcomes(shared, 'principal')).toEqual({
      'consumer-b': 'allowed',
      'outsider-c': 'denied network',
      anonymous: 'denied network',
    });
  });

  it('absent: the guardrail refuses everyone, and the explanation says why the key is absent', () => {
    expect(outcomes(seedWorld(), 'absent')).toEqual({
      'consumer-b': 'denied network',
      'outsider-c': 'denied network',
      anonymous: 'denied network',
    });
    const { explanation } = predictCall(planned(seedWorld(), 'consumer-b'), seedWorld(), {
      now: NOW,
      sourceOrgIdMode: 'absent',
    });
    expect(explanation.sourceOrgIdMode).toBe('absent');
    expect(explanation.layers[0]!.statements[0]!.conditions[0]).toMatchObject({
      key: 'aws:SourceOrgID',
      requestValue: null,
      matched: false,
      note: 'sourceOrgIdMode absent: nothing: Lattice never sets the key',
    });
  });

  it('the world’s own setting is the default', () => {
    const spec = seedWith((s) => (s.sourceOrgIdMode = 'absent'));
    expect(outcomes(spec)['consumer-b']).toBe('denied network');
  });

  it('npm run check -- --source-org-id-mode absent: the in-org expectation disagrees (exit 1)', async () => {
    const out: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } };
    expect(await runCheckCli(['in-org', '--source-org-id-mode', 'absent'], io)).toBe(1);
    expect(out.join('')).toContain('DISAGREES in-org › consumer-b');
    expect(out.join('')).toContain('(aws:SourceOrgID read as "absent")');
    expect(await runCheckCli(['--source-org-id-mode', 'vpc'], io)).toBe(2);
  });
});

describe('predictCall', () => {
  it('the out-of-org explanation: route, each layer, the deciding condition with request and policy values', () => {
    const spec = seedWorld();
    const { prediction, explanation } = predictCall(planned(spec, 'outsider-c'), spec, {
      now: NOW,
      policyFiles: new Map(),
    });
    expect(prediction).toMatchObject({ kind: 'denied', layer: 'network', explicit: false });
    expect(formatExplanation(explanation)).toEqual([
      'caller   arn:aws:sts::444444444444:assumed-role/lattice-invoker/lattice-e2e-outsider-c ' +
        '(account 444444444444, in no organization)',
      'from     vpc-0c0c0c0c0c0c0c0c0 (account 444444444444, in no organization; source address 127.0.0.12)',
      'to       service parking through service network guarded-network',
      'network  service network guarded-network (AWS_IAM): denies (no statement allows)',
      '  Statement[0] Allow: does not apply (condition)',
      '    StringEquals aws:SourceOrgID: request value (absent) vs policy value "o-a1b2c3d4e5": no match',
      '      (sourceOrgIdMode principal: the organization of the calling ' +
        "principal's account (what aws:PrincipalOrgID says); account " +
        '444444444444 is in no organization, so the key is absent)',
      'service  service parking (AWS_IAM): allows',
      '  Statement[0] "ConsumerAccountsMayInvoke" Allow: applies',
      'identity role lattice-invoker (444444444444): allows; 1 identity-based policies (policy 1: statements 0-0)',
      '  Statement[0] "InvokeLatticeServices" Allow: applies',
    ]);
  });

  it('a principal mismatch is explained with the element as written', () => {
    const spec = seedWith((s) => (s.serviceNetworks[0]!.authType = 'NONE'));
    const { prediction, explanation } = predictCall(planned(spec, 'anonymous'), spec, { now: NOW });
    expect(prediction).toMatchObject({ kind: 'denied', layer: 'service', principal: 'anonymous' });
    expect(explanation.layers.map((l) => l.decision)).toEqual(['NotApplicable', 'ImplicitDeny', 'NotApplicable']);
    expect(explanation.layers[1]!.statements[0]).toMatchObject({
      mismatch: 'principal',
      detail: 'Principal {"AWS":["222222222222","444444444444"]} does not name anonymous',
    });
  });

  it('unreachable: a VPC with no association, an unknown host name', () => {
    const spec = seedWorld();
    const isolated = predictCall(planned(spec, 'consumer-b-isolated-vpc'), spec, { now: NOW });
    expect(isolated.prediction).toMatchObject({ kind: 'unreachable', code: 'NOT_ASSOCIATED' });
    expect(isolated.explanation.layers).toEqual([]);
    expect(isolated.explanation.notes[0]).toContain(
      'service parking is not reachable from vpc-0d0d0d0d0d0d0d0d0: the VPC ' +
        'is associated with no service network that holds it',
    );
    const call = planned(spec, 'consumer-b');
    const unknown = predictCall(
      { ...call, service: { ...call.service, url: new URL('https://nowhere.example/') } },
      spec,
      { now: NOW },
    );
    expect(unknown.prediction).toMatchObject({ kind: 'unreachable', code: 'UNKNOWN_HOST' });
  });

  it('a caller without a local address comes from the runner’s VPC', () => {
    const spec = seedWorld();
    const call = planned(spec, 'consumer-b');
    const { prediction, explanation } = predictCall(
      { ...call, caller: { ...call.caller, localAddress: undefined } },
      spec,
      { now: NOW },
    );
    expect(explanation.sourceVpc).toMatchObject({ id: spec.runnerVpc, matchedBy: 'runner-vpc', address: '127.0.0.1' });
    expect(prediction.kind).toBe('allowed');
  });

  it('credentials: an unknown role and a trust policy that wants another external ID', () => {
    const spec = seedWorld();
    const call = planned(spec, 'outsider-c');
    if (call.caller.kind !== 'role') throw new Error('a role caller');
    const noRole = predictCall(
      { ...call, caller: { ...call.caller, roleArn: 'arn:aws:iam::444444444444:role/nope' } },
      spec,
      { now: NOW },
    );
    expect(noRole.prediction).toEqual({
      kind: 'credentials-failed',
      role: 'arn:aws:iam::444444444444:role/nope',
      code: 'AccessDenied',
      message:
        'User: arn:aws:iam::333333333333:user/lattice-e2e-runner is not ' +
        'authorized to perform: sts:AssumeRole on resource: ' +
        'arn:aws:iam::444444444444:role/nope',
    });
    const wrongId = predictCall({ ...call, caller: { ...call.caller, externalId: 'guess' } }, spec, { now: NOW });
    expect(wrongId.prediction.kind).toBe('credentials-failed');
    expect(formatExplanation(wrongId.explanation)).toContain(
      '    StringEquals sts:ExternalId: request value "guess" vs policy value "lattice-e2e-outsider": no match',
    );
  });

  it('the wire request: decoded path and query, the headers the harness sends', () => {
    const spec = seedWorld();
    const call = planned(spec, 'consumer-b', 'parking', {
      method: 'POST',
      path: '/a b/ü',
      query: { q: ['a+b', 'c'] },
      headers: { 'X-Team': 'blue' },
    });
    const wire = resolveWireRequest(call, { now: NOW, region: 'us-east-1', sourceAddress: '127.0.0.1' });
    expect(wire).toMatchObject({
      method: 'POST',
      path: '/a b/ü',
      query: { q: ['a+b', 'c'] },
      port: 443,
      secure: true,
      sourceIp: '127.0.0.11',
    });
    expect(wire.headers).toMatchObject({
      'x-team': ['blue'],
      host: ['parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws'],
      'x-amz-content-sha256': ['UNSIGNED-PAYLOAD'],
      'x-amz-date': ['20250304T050607Z'],
      'content-length': ['0'],
      connection: ['close'],
    });
    expect(wire.runTimeOnly).toEqual(['x-amz-security-token', 'authorization']);
  });
});

describe('checkPlan', () => {
  it('judges each expectation against the prediction as a run judges an observation', () => {
    const spec = seedWorld();
    const env = localCheckEnvironment(spec);
    const scenario = {
      service: 'parking',
      calls: [
        { caller: 'consumer-b', expect: { allow: { status: 200, body: '"Lattice Success!"' } } },
        { caller: 'outsider-c', expect: { deny: 'network' } },
        { caller: 'anonymous', expect: { deny: 'service' } },
        { caller: 'consumer-b-no-invoke', expect: { deny: 'identity', explicit: true } },
        { caller: 'consumer-b-isolated-vpc', expect: { deny: 'network' } },
      ],
    };
    const report = checkPlan({ environment: env, calls: resolveScenario('s', 's.ts', scenario, env) }, spec, {
      now: NOW,
    });
    expect(report.calls.map((c) => [c.call.name, c.agrees, c.reason])).toEqual([
      ['consumer-b', true, undefined],
      ['outsider-c', true, undefined],
      ['anonymous', false, 'expected the service layer to refuse, but the network layer did'],
      ['consumer-b-no-invoke', false, 'expected an explicit deny, got no matching allow'],
      [
        'consumer-b-isolated-vpc',
        false,
        "expected a network denial, observed unreachable: only Lattice's AccessDenied counts as denied",
      ],
    ]);
    expect(report.summary).toEqual({ total: 5, agree: 2, disagree: 3, lintErrors: 0, lintWarnings: 1 });
  });

  it('what the world does not fix is not compared, and says so', () => {
    const spec = seedWorld();
    const call = planned(
      spec,
      'consumer-b',
      'echo',
      {},
      { allow: { status: 200, bodyIncludes: 'x-amzn-lattice-identity' } },
    );
    const { prediction } = predictCall(call, spec, { now: NOW });
    expect(prediction).toEqual({ kind: 'allowed', status: 200 });
    expect(judgePrediction(call, prediction)).toEqual({
      agrees: true,
      notCompared: `body including "x-amzn-lattice-identity": the target's answer is not predicted`,
    });
    const wrongStatus = planned(spec, 'consumer-b', 'echo', {}, { allow: { status: 204 } });
    expect(judgePrediction(wrongStatus, prediction)).toMatchObject({
      agrees: false,
      reason: 'expected status 204, got 200',
    });
  });
});
