import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { joinPatterns } from '../support/joinPatterns';
import { controlPlaneCases, stsCases } from './support/hostileCalls';
import { dataPlaneCases } from './support/hostileInvokes';
import { barrage, random, RAW_GARBAGE, send, sendRaw } from './support/hostileTransport';
import { assume, INVOKER_B, invoke } from './support/localCalls';

/**
 * Thousands of malformed or hostile requests, over loopback, to the data plane and STS (and
 * some to the control plane, and bytes that are not HTTP); every kind the generators make comes up
 * tens to hundreds of times. LATTICE_E2E_ROBUSTNESS_SCALE multiplies the counts for a deeper run, for example
 * `LATTICE_E2E_ROBUSTNESS_SCALE=5 LATTICE_E2E_ROBUSTNESS_SEED=$RANDOM npx vitest run test/emulator/robustness`.
 * Each must get a well-formed AWS-style 4xx (Lattice: `<Code>: <message>` text; STS: an XML ErrorResponse;
 * control plane: `x-amzn-errortype` and a JSON message), never 2xx or 5xx, and never a dropped connection except
 * the documented unreachable case (a Host that names no service). Afterwards all still serve.
 */

const SEED = Number(process.env.LATTICE_E2E_ROBUSTNESS_SEED ?? 20250101);
if (!Number.isSafeInteger(SEED))
  throw new Error(
    `LATTICE_E2E_ROBUSTNESS_SEED must be a whole number, got "${process.env.LATTICE_E2E_ROBUSTNESS_SEED}"`,
  );
const SCALE = Number(process.env.LATTICE_E2E_ROBUSTNESS_SCALE ?? 1);
if (!(SCALE > 0))
  throw new Error(
    `LATTICE_E2E_ROBUSTNESS_SCALE must be a number above 0, got "${process.env.LATTICE_E2E_ROBUSTNESS_SCALE}"`,
  );
const DATA_PLANE_REQUESTS = Math.round(2_400 * SCALE);
const STS_REQUESTS = Math.round(1_600 * SCALE);
const CONTROL_PLANE_REQUESTS = Math.round(400 * SCALE);
const RAW_REQUESTS = Math.round(200 * SCALE);
const CONCURRENCY = 16;

const LATTICE_ERROR_NAMES = [
  'AccessDeniedException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'BadRequestException',
  'PayloadTooLargeException',
];
const LATTICE_CODES = new RegExp(`^(${LATTICE_ERROR_NAMES.join('|')}): \\S`);
const STS_ERROR = joinPatterns([
  /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n/,
  / {2}<Error>\n/,
  / {4}<Type>Sender<\/Type>\n/,
  / {4}<Code>(\w+)<\/Code>\n/,
  / {4}<Message>[^<]*<\/Message>\n/,
  / {2}<\/Error>\n/,
  / {2}<RequestId>[0-9a-f-]{36}<\/RequestId>\n/,
  /<\/ErrorResponse>\n$/,
]);

/** The answers the generators' kinds get (each seen tens to hundreds of times at scale 1). */
const EXPECTED_KINDS = [
  'control plane 400 ValidationException',
  'control plane 403 InvalidSignatureException',
  'control plane 403 MissingAuthenticationTokenException',
  'lattice 400 BadRequestException',
  'lattice 403 AccessDeniedException',
  'lattice 403 IncompleteSignatureException',
  'lattice 403 InvalidSignatureException',
  'lattice 403 UnrecognizedClientException',
  'lattice no answer (unknown Host)',
  'lattice raw HTTP/1.1 400',
  'sts 400 InvalidAction',
  'sts 400 MalformedInput',
  'sts 400 ValidationError',
  'sts 403 AccessDenied',
  'sts 403 IncompleteSignature',
  'sts 403 InvalidClientTokenId',
  'sts 403 MissingAuthenticationToken',
  'sts 403 SignatureDoesNotMatch',
  'sts 405 InvalidAction',
  'sts 413 ValidationError',
  'sts raw HTTP/1.1 400',
];

describe('robustness: hostile requests over loopback', () => {
  let local: LocalWorld;
  beforeAll(async () => {
    local = await startLocalWorld({ onInternalError: (error) => internalErrors.push(error) });
  });
  afterAll(() => local.close());
  const internalErrors: unknown[] = [];

  it(`answers ${DATA_PLANE_REQUESTS + STS_REQUESTS} hostile requests ` +
    `(+${CONTROL_PLANE_REQUESTS} to the control plane, +${RAW_REQUESTS} ` +
    `unparseable ones) with AWS-shaped 4xx errors, then still serves`, async () => {
    const rng = random(SEED);
    const creds = {
      b: await assume(local, INVOKER_B, 'fuzz'),
      noInvoke: await assume(local, 'arn:aws:iam::222222222222:role/lattice-no-invoke', 'fuzz'),
    };
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const started = performance.now();

    const latticeAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const nextInvoke = dataPlaneCases(rng, creds);
    await barrage(
      CONCURRENCY,
      DATA_PLANE_REQUESTS,
      () => nextInvoke(),
      (h) => send(local.dataPlane.port, latticeAgent, h),
      (h, o) => {
        if (o.kind === 'no-answer') {
          count(`lattice no answer (${h.unreachable ? 'unknown Host' : o.code})`);
          if (!h.unreachable) problems.push(`lattice ${h.kind}: no answer (${o.code})`);
          return;
        }
        const code = LATTICE_CODES.exec(o.body)?.[1];
        count(`lattice ${o.status} ${code ?? 'UNSHAPED'}`);
        if (h.unreachable || o.status < 400 || o.status >= 500 || !code || !o.contentType.startsWith('text/plain'))
          problems.push(`lattice ${h.kind}: ${o.status} ${o.body.slice(0, 160)}`);
      },
    );
    latticeAgent.destroy();

    const stsAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const stsPort = Number(new URL(local.stsEndpoint).port);
    const nextSts = stsCases(rng, local);
    await barrage(
      CONCURRENCY,
      STS_REQUESTS,
      () => nextSts(),
      (h) => send(stsPort, stsAgent, h),
      (h, o) => {
        if (o.kind === 'no-answer') {
          count(`sts no answer (${o.code})`);
          problems.push(`sts ${h.kind}: no answer (${o.code})`);
          return;
        }
        const code = STS_ERROR.exec(o.body)?.[1];
        count(`sts ${o.status} ${code ?? 'UNSHAPED'}`);
        if (o.status < 400 || o.status >= 500 || !code || o.contentType !== 'text/xml')
          problems.push(`sts ${h.kind}: ${o.status} ${o.body.slice(0, 160)}`);
      },
    );
    stsAgent.destroy();

    const controlPlaneAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const controlPlanePort = Number(new URL(local.controlPlaneEndpoint).port);
    const nextControlPlane = controlPlaneCases(rng, local);
    await barrage(
      CONCURRENCY,
      CONTROL_PLANE_REQUESTS,
      () => nextControlPlane(),
      (h) => send(controlPlanePort, controlPlaneAgent, h),
      (h, o) => {
        if (o.kind === 'no-answer') {
          count(`control plane no answer (${o.code})`);
          problems.push(`control plane ${h.kind}: no answer (${o.code})`);
          return;
        }
        let message: unknown;
        try {
          message = (JSON.parse(o.body) as { message?: unknown }).message;
        } catch {
          message = undefined;
        }
        count(`control plane ${o.status} ${typeof message === 'string' ? o.errorType : 'UNSHAPED'}`);
        if (o.status < 400 || o.status >= 500 || typeof message !== 'string' || !o.errorType)
          problems.push(`control plane ${h.kind}: ${o.status} ${o.body.slice(0, 160)}`);
      },
    );
    controlPlaneAgent.destroy();

    for (let i = 0; i < RAW_REQUESTS; i++) {
      const bytes = rng.pick(RAW_GARBAGE);
      const [name, port, shaped] =
        i % 2 === 0
          ? ['lattice', local.dataPlane.port, /\r\n\r\nBadRequestException: Malformed request: /]
          : ['sts', stsPort, /\r\n\r\n<ErrorResponse [\s\S]*<Code>MalformedInput<\/Code>/];
      const answer = await sendRaw(port as number, bytes);
      count(`${name} raw ${answer.slice(0, 12) || 'no answer'}`);
      if (!answer.startsWith('HTTP/1.1 400 ') || !(shaped as RegExp).test(answer))
        problems.push(`${name} raw ${JSON.stringify(bytes.slice(0, 30))}: ${JSON.stringify(answer.slice(0, 120))}`);
    }
    const seconds = (performance.now() - started) / 1000;

    const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
    console.log(
      `robustness (seed ${SEED}): ${total} requests in ${seconds.toFixed(1)} s\n` +
        [...outcomes.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`)
          .join('\n'),
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(internalErrors).toEqual([]);
    expect(total).toBe(DATA_PLANE_REQUESTS + STS_REQUESTS + CONTROL_PLANE_REQUESTS + RAW_REQUESTS);
    // Every kind of answer the full-size run gives comes up here too.
    for (const kind of EXPECTED_KINDS) expect(outcomes.get(kind) ?? 0, kind).toBeGreaterThan(0);

    // Still serving: a valid Invoke and a valid AssumeRole.
    expect(await invoke(local, await assume(local, INVOKER_B, 'after'))).toMatchObject({
      kind: 'response',
      status: 200,
      body: '"Lattice Success!"',
    });
  }, 120_000);
});
