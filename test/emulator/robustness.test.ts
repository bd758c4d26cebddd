import { Agent } from 'node:http';
import { join } from 'node:path';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { LOCAL_READER_ROLE, withReaderRoles } from '../../harness/import/withReaderRoles';
import { signRequest } from '../../harness/request/signRequest';
import { toRelayRequest } from '../../harness/send/sendViaRelay';
import { loadWorld, seedWorld } from '../../world';
import { projectRoot } from '../support/paths';
import {
  iamErrorCode,
  invocationAnswer,
  lambdaErrorCode,
  organizationsErrorType,
  queryErrorPattern,
} from './support/apiErrorShapes';
import { controlPlaneCases, stsCases } from './support/hostileCalls';
import { iamCases } from './support/hostileIamCalls';
import { dataPlaneCases } from './support/hostileInvokes';
import { type LambdaHostile, lambdaCases } from './support/hostileLambdaCalls';
import { organizationsCases } from './support/hostileOrganizationsCalls';
import { barrage, type Hostile, type Outcome, random, RAW_GARBAGE, send, sendRaw } from './support/hostileTransport';
import { assume, INVOKER_B, invoke, PARKING, REGION, runnerCredentials } from './support/localCalls';
import { unsignedPost } from '../support/unsignedPost';
import { seedAndScale } from '../support/seedAndScale';

/**
 * Thousands of malformed or hostile requests, over loopback, to the data plane and STS (and some to the control
 * plane, IAM, Organizations and Lambda, and bytes that are not HTTP); every kind the generators make
 * comes up tens to hundreds of times. LATTICE_E2E_ROBUSTNESS_SCALE multiplies the counts for a deeper run, for example
 * `LATTICE_E2E_ROBUSTNESS_SCALE=5 LATTICE_E2E_ROBUSTNESS_SEED=$RANDOM npx vitest run test/emulator/robustness`.
 * Each must get a well-formed AWS-style 4xx (Lattice: `<Code>: <message>` text; STS: an XML ErrorResponse;
 * control plane: `x-amzn-errortype` and a JSON message; IAM: its XML ErrorResponse; Organizations: JSON `__type`
 * and `Message`, `x-amzn-errortype`; Lambda: `x-amzn-errortype` and JSON `Type` and `message`), never 2xx or 5xx,
 * and never a dropped connection except the documented unreachable case (a Host that names no service). The one
 * expected 2xx: a valid Lambda Invoke of a relay whose payload is JSON but no relay request, answered by the relay's
 * own refusal (or queued, or a dry run). The Lambda calls go to a second world, the relays world (the demo world has
 * no relay). Afterwards all still serve.
 */

const { seed: SEED, scale: SCALE } = seedAndScale(
  'LATTICE_E2E_ROBUSTNESS_SEED',
  'LATTICE_E2E_ROBUSTNESS_SCALE',
  20_250_101,
);
const DATA_PLANE_REQUESTS = Math.round(2_400 * SCALE);
const STS_REQUESTS = Math.round(1_600 * SCALE);
const CONTROL_PLANE_REQUESTS = Math.round(400 * SCALE);
const RAW_REQUESTS = Math.round(200 * SCALE);
const IAM_REQUESTS = Math.round(300 * SCALE);
const ORGANIZATIONS_REQUESTS = Math.round(260 * SCALE);
/** Unparseable bytes to IAM and Organizations, half each. */
const RAW_API_REQUESTS = Math.round(40 * SCALE);
const LAMBDA_REQUESTS = Math.round(400 * SCALE);
const RAW_LAMBDA_REQUESTS = Math.round(20 * SCALE);
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
const STS_ERROR = queryErrorPattern('sts', '2011-06-15');

/** The answers the generators' kinds get (each seen tens to hundreds of times at scale 1). */
const EXPECTED_KINDS = [
  'control plane 400 ValidationException',
  'control plane 403 InvalidSignatureException',
  'control plane 403 MissingAuthenticationTokenException',
  'iam 400 InvalidAction',
  'iam 400 MalformedPolicyDocument',
  'iam 400 ValidationError',
  'iam 403 AccessDenied',
  'iam 403 IncompleteSignature',
  'iam 403 InvalidClientTokenId',
  'iam 403 MissingAuthenticationToken',
  'iam 403 SignatureDoesNotMatch',
  'iam 404 NoSuchEntity',
  'iam 405 InvalidAction',
  'iam 413 ValidationError',
  'iam raw HTTP/1.1 400',
  'lambda 400 InvalidParameterValueException',
  'lambda 400 InvalidRequestContentException',
  'lambda 400 ValidationException',
  'lambda 403 AccessDeniedException',
  'lambda 403 IncompleteSignatureException',
  'lambda 403 InvalidSignatureException',
  'lambda 403 MissingAuthenticationTokenException',
  'lambda 403 UnrecognizedClientException',
  'lambda 404 ResourceNotFoundException',
  'lambda 404 UnknownOperationException',
  'lambda 413 RequestTooLargeException',
  'lambda invoke 200 refused bad-request',
  'lambda invoke 200 refused destination-not-allowed',
  'lambda invoke 200 refused request-too-large',
  'lambda invoke 200 refused unsigned',
  'lambda invoke 202',
  'lambda invoke 204',
  'lambda raw HTTP/1.1 400',
  'lattice 400 BadRequestException',
  'lattice 403 AccessDeniedException',
  'lattice 403 IncompleteSignatureException',
  'lattice 403 InvalidSignatureException',
  'lattice 403 UnrecognizedClientException',
  'lattice no answer (unknown Host)',
  'lattice raw HTTP/1.1 400',
  'organizations 400 AccessDeniedException',
  'organizations 400 IncompleteSignatureException',
  'organizations 400 InvalidInputException',
  'organizations 400 InvalidSignatureException',
  'organizations 400 MissingAuthenticationTokenException',
  'organizations 400 SerializationException',
  'organizations 400 UnknownOperationException',
  'organizations 400 UnrecognizedClientException',
  'organizations 413 InvalidInputException',
  'organizations raw HTTP/1.1 400',
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
  /** The relays world: the demo organization with a relay (a Lambda function running createRelay) in B and C. */
  let relays: LocalWorld;
  beforeAll(async () => {
    // The demo world, with a reader role in every account: the management account's may call Organizations.
    local = await startLocalWorld({
      spec: withReaderRoles(seedWorld()),
      onInternalError: (error) => internalErrors.push(error),
    });
    relays = await startLocalWorld({
      spec: await loadWorld('relays', join(projectRoot, 'scenarios')),
      onInternalError: (error) => internalErrors.push(error),
    });
  });
  afterAll(async () => {
    await local?.close();
    await relays?.close();
  });
  const internalErrors: unknown[] = [];

  it(`answers ${DATA_PLANE_REQUESTS + STS_REQUESTS} hostile requests ` +
    `(+${CONTROL_PLANE_REQUESTS} to the control plane, +${IAM_REQUESTS} to IAM, +${ORGANIZATIONS_REQUESTS} to ` +
    `Organizations, +${LAMBDA_REQUESTS} to Lambda, +${RAW_REQUESTS + RAW_API_REQUESTS + RAW_LAMBDA_REQUESTS} ` +
    'unparseable ones) with AWS-shaped 4xx errors, then still serves', async () => {
    const rng = random(SEED);
    const creds = {
      b: await assume(local, INVOKER_B, 'fuzz'),
      noInvoke: await assume(local, 'arn:aws:iam::222222222222:role/lattice-no-invoke', 'fuzz'),
      readerB: await assume(local, `arn:aws:iam::222222222222:role/${LOCAL_READER_ROLE}`, 'fuzz'),
      management: await assume(local, `arn:aws:iam::111111111111:role/${LOCAL_READER_ROLE}`, 'fuzz'),
      relaysB: await assume(relays, INVOKER_B, 'fuzz'),
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

    /** A barrage at an AWS API endpoint whose every answer must be a 4xx in the shape `errorCode` recognizes. */
    const apiBarrage = async (
      name: string,
      endpoint: string,
      requests: number,
      next: () => Promise<Hostile>,
      errorCode: (o: Extract<Outcome, { kind: 'answer' }>) => string | undefined,
    ) => {
      const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      const port = Number(new URL(endpoint).port);
      await barrage(
        CONCURRENCY,
        requests,
        () => next(),
        (h) => send(port, agent, h),
        (h, o) => {
          if (o.kind === 'no-answer') {
            count(`${name} no answer (${o.code})`);
            problems.push(`${name} ${h.kind}: no answer (${o.code})`);
            return;
          }
          const code = errorCode(o);
          count(`${name} ${o.status} ${code ?? 'UNSHAPED'}`);
          if (!code) problems.push(`${name} ${h.kind}: ${o.status} ${o.contentType} ${o.body.slice(0, 160)}`);
        },
      );
      agent.destroy();
    };
    const runner = runnerCredentials(local);
    const iamCallers = { runner, noIam: creds.b, reader: creds.readerB };
    await apiBarrage('iam', local.iamEndpoint, IAM_REQUESTS, iamCases(rng, local, iamCallers), iamErrorCode);
    const organizationsCallers = { management: creds.management, others: [runner, creds.b, creds.readerB] };
    const nextOrganizations = organizationsCases(rng, local, organizationsCallers);
    await apiBarrage(
      'organizations',
      local.organizationsEndpoint,
      ORGANIZATIONS_REQUESTS,
      nextOrganizations,
      organizationsErrorType,
    );

    // Lambda: every answer a Lambda API error, but a valid Invoke of a relay, which must be the relay's answer.
    const lambdaAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const lambdaPort = Number(new URL(relays.lambdaEndpoint).port);
    const nextLambda = lambdaCases(rng, relays, { runner: runnerCredentials(relays), noLambda: creds.relaysB });
    await barrage(
      CONCURRENCY,
      LAMBDA_REQUESTS,
      () => nextLambda(),
      (h) => send(lambdaPort, lambdaAgent, h),
      (h, o) => {
        if (o.kind === 'no-answer') {
          count(`lambda no answer (${o.code})`);
          problems.push(`lambda ${h.kind}: no answer (${o.code})`);
          return;
        }
        const expected = (h as LambdaHostile).invocation;
        if (expected) {
          const answer = invocationAnswer(o);
          count(`lambda invoke ${answer ?? `${o.status} UNSHAPED`}`);
          const wanted = expected.status === 200 ? `200 refused ${expected.refusal}` : String(expected.status);
          if (answer !== wanted) problems.push(`lambda ${h.kind}: ${o.status} (not ${wanted}) ${o.body.slice(0, 160)}`);
          return;
        }
        const code = lambdaErrorCode(o);
        count(`lambda ${o.status} ${code ?? 'UNSHAPED'}`);
        if (!code) problems.push(`lambda ${h.kind}: ${o.status} ${o.contentType} ${o.body.slice(0, 160)}`);
      },
    );
    lambdaAgent.destroy();

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
    for (let i = 0; i < RAW_API_REQUESTS; i++) {
      const bytes = rng.pick(RAW_GARBAGE);
      const [name, endpoint, shaped] =
        i % 2 === 0
          ? [
              'iam',
              local.iamEndpoint,
              /\r\n\r\n<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/[\s\S]*<Code>MalformedInput</,
            ]
          : [
              'organizations',
              local.organizationsEndpoint,
              /\r\n\r\n\{"__type":"InvalidInputException","Message":"Malformed /,
            ];
      const answer = await sendRaw(Number(new URL(endpoint as string).port), bytes);
      count(`${name} raw ${answer.slice(0, 12) || 'no answer'}`);
      if (!answer.startsWith('HTTP/1.1 400 ') || !(shaped as RegExp).test(answer))
        problems.push(`${name} raw ${JSON.stringify(bytes.slice(0, 30))}: ${JSON.stringify(answer.slice(0, 160))}`);
    }
    for (let i = 0; i < RAW_LAMBDA_REQUESTS; i++) {
      const bytes = rng.pick(RAW_GARBAGE);
      const answer = await sendRaw(lambdaPort, bytes);
      count(`lambda raw ${answer.slice(0, 12) || 'no answer'}`);
      const shaped =
        /\r\nx-amzn-ErrorType: InvalidRequestContentException\r\n[\s\S]*\r\n\r\n\{"Type":"User","message":"/;
      if (!answer.startsWith('HTTP/1.1 400 ') || !shaped.test(answer))
        problems.push(`lambda raw ${JSON.stringify(bytes.slice(0, 30))}: ${JSON.stringify(answer.slice(0, 160))}`);
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
    expect(total).toBe(
      DATA_PLANE_REQUESTS +
        STS_REQUESTS +
        CONTROL_PLANE_REQUESTS +
        IAM_REQUESTS +
        ORGANIZATIONS_REQUESTS +
        RAW_REQUESTS +
        RAW_API_REQUESTS +
        LAMBDA_REQUESTS +
        RAW_LAMBDA_REQUESTS,
    );
    // Every kind of answer the full-size run gives comes up here too.
    for (const kind of EXPECTED_KINDS) expect(outcomes.get(kind) ?? 0, kind).toBeGreaterThan(0);

    // Still serving: a valid Invoke and a valid AssumeRole.
    expect(await invoke(local, await assume(local, INVOKER_B, 'after'))).toMatchObject({
      kind: 'response',
      status: 200,
      body: '"Lattice Success!"',
    });
    // IAM and Organizations still answer valid calls through the SDK: the management account reads its reader
    // role and the organization's root.
    const endpoints = { region: REGION, credentials: creds.management, maxAttempts: 1 };
    const iam = new IAMClient({ ...endpoints, endpoint: local.iamEndpoint });
    const role = await iam.send(new GetRoleCommand({ RoleName: LOCAL_READER_ROLE }));
    expect(role.Role?.Arn).toBe(`arn:aws:iam::111111111111:role/${LOCAL_READER_ROLE}`);
    const organizations = new OrganizationsClient({ ...endpoints, endpoint: local.organizationsEndpoint });
    const roots = await organizations.send(new ListRootsCommand({}));
    expect(roots.Roots?.map((r) => r.Id)).toEqual(['r-ab12']);
    iam.destroy();
    organizations.destroy();
    // Lambda still runs a relay through the SDK: B's request, signed here, sent by B's relay from B's VPC.
    const signed = await signRequest(unsignedPost(PARKING), { region: REGION, credentials: creds.relaysB });
    const lambda = new LambdaClient({
      region: REGION,
      endpoint: relays.lambdaEndpoint,
      credentials: runnerCredentials(relays),
      maxAttempts: 1,
    });
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b',
        Payload: new TextEncoder().encode(JSON.stringify(toRelayRequest(signed, 5_000))),
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    const relayed = JSON.parse(new TextDecoder().decode(out.Payload));
    expect(relayed).toMatchObject({ v: 1, kind: 'response', status: 200 });
    expect(Buffer.from(relayed.body, 'base64').toString()).toBe('"Lattice Success!"');
    lambda.destroy();
  }, 120_000);
});
