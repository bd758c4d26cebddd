import type { AwsCredentialIdentity } from '@smithy/types';
import type { LocalWorld } from '../../../emulator/startLocalWorld';
import type { RelayRefusal } from '../../../relay/protocol';
import type { Hostile, Random } from './hostileTransport';
import { hostileRelayPayload } from './hostileRelayPayload';
import { asHostile, signApiCall, skewedDate, unknownKeyOf } from './signApiCall';

export interface LambdaCallers {
  /** The runner's base keys: may invoke `lattice-e2e-relay-*`, and each relay's resource-based policy names it. */
  runner: AwsCredentialIdentity;
  /** A session of B's caller role: it may invoke Lattice services, no Lambda function. */
  noLambda: AwsCredentialIdentity;
}

/** What an Invoke that reaches the function answers, instead of a Lambda API error. */
export type ExpectedInvocation =
  /** RequestResponse: the relay's own refusal, as the function's JSON answer. */
  | { status: 200; refusal: RelayRefusal }
  /** Event: queued. */
  | { status: 202 }
  /** DryRun: the call would be allowed. */
  | { status: 204 };

export interface LambdaHostile extends Hostile {
  /** Set when the call is a valid Invoke of a relay (the payload is hostile to the relay, not to Lambda). */
  invocation?: ExpectedInvocation;
}

const RELAYS = [
  'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b',
  'arn:aws:lambda:us-east-1:444444444444:function:lattice-e2e-relay-outsider-c',
];
const PREFIX = '/2015-03-31/functions/';
/** FunctionName in a path, as the SDK encodes it (RFC 3986: `!'()*` too). */
const encodeName = (name: string) =>
  encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const invocations = (name: string) => `${PREFIX}${encodeName(name)}/invocations`;
/** Over Lambda's 6 MB synchronous payload limit; made once (the server answers before the signature is read). */
let oversized: Buffer | undefined;

/**
 * The malformed and hostile calls to the Lambda endpoint (REST-JSON). Every one is a Lambda API error, but for the
 * relay payloads: a valid Invoke whose payload is JSON and no relay request, which the relay refuses in its answer.
 */
export function lambdaCases(rng: Random, local: LocalWorld, callers: LambdaCallers) {
  const endpoint = local.lambdaEndpoint;
  const host = new URL(endpoint).host;
  const relay = () => rng.pick(RELAYS);
  const sign = (
    options: { path?: string; method?: string; body?: string; headers?: Record<string, string> } = {},
    credentials = callers.runner,
    scope: { service?: string; region?: string; signingDate?: Date; query?: Record<string, string> } = {},
  ) =>
    signApiCall(endpoint, credentials, {
      method: options.method ?? 'POST',
      path: options.path ?? invocations(relay()),
      query: scope.query,
      service: scope.service ?? 'lambda',
      region: scope.region,
      signingDate: scope.signingDate,
      headers: { 'content-type': 'application/json', ...options.headers },
      // A GET has no body (the SDK sends none; Node's client would send one unframed).
      body: options.body ?? (options.method === 'GET' ? '' : '{}'),
    });
  const unknownName = () => `lattice-e2e-relay-${rng.text(1 + rng.int(12), 'abcdefghijklmnopqrstuvwxyz0123456789-_')}`;
  const badName = () =>
    rng.pick([
      'f'.repeat(65 + rng.int(200)),
      `${rng.text(1 + rng.int(10), 'abc')}${rng.pick([' ', '!', '.', '/', 'é', '%', '@', '<', '\u202e'])}x`,
      `arn:aws:lambda:us-east-1:${rng.text(11, '0123456789')}:function:lattice-e2e-relay-consumer-b`,
      `arn:aws:lambda:us-east-1:222222222222:${rng.pick(['layer', 'event-source-mapping', 'func'])}:relay`,
      `arn:aws:s3:::${rng.text(8, 'abcdef')}`,
      `${relay()}:${rng.pick(['', '$FOO', 'prod.1', 'v 1', '1:2', '$latest'])}`,
      `${relay()}:${rng.text(1 + rng.int(20), '#&+=[]{};,')}`,
      '',
    ]);
  const cases: Record<string, () => Promise<LambdaHostile>> = {
    unsigned: async () => ({
      kind: 'unsigned',
      method: 'POST',
      target: invocations(relay()),
      headers: ['host', host, 'content-type', 'application/json'],
      body: '{}',
    }),
    'random Authorization': async () => ({
      kind: 'random Authorization',
      method: 'POST',
      target: invocations(relay()),
      headers: ['host', host, 'x-amz-date', '20250101T000000Z', 'authorization', rng.text(rng.int(300))],
      body: '{}',
    }),
    'truncated Authorization': async () => {
      const signed = await sign();
      const auth = signed.headers.authorization!;
      signed.headers.authorization = auth.slice(0, rng.int(auth.length));
      return asHostile('truncated Authorization', signed);
    },
    'tampered body': async () => {
      const signed = await sign({ body: '{"v":1}' });
      return asHostile('tampered body', signed, rng.pick(['{"v":2}', '{"v":1} ', '{}', '']));
    },
    'bad date': async () => {
      const signed = await sign();
      signed.headers['x-amz-date'] = rng.pick(['', 'now', '2025-01-01', '20250101T000000', '99999999T999999Z']);
      return asHostile('bad date', signed);
    },
    'expired or future signature': async () =>
      asHostile('expired or future signature', await sign({}, callers.runner, { signingDate: skewedDate(rng.next) })),
    'unknown key': async () =>
      asHostile(
        'unknown key',
        await sign({}, { ...unknownKeyOf(rng), ...(rng.chance(0.5) && { sessionToken: rng.text(64) }) }),
      ),
    'wrong scope': async () =>
      asHostile(
        'wrong scope',
        await sign(
          {},
          callers.runner,
          rng.chance(0.5)
            ? { service: rng.pick(['sts', 'vpc-lattice-svcs', 'execute-api', 'Lambda', 'iam']) }
            : { region: rng.pick(['us-west-2', 'eu-central-1', 'aws-global']) },
        ),
      ),
    'unknown operation': async () => {
      const [method, path] = rng.pick<[string, string]>([
        [rng.pick(['GET', 'PUT', 'DELETE', 'PATCH']), invocations(relay())],
        ['POST', `${PREFIX}${encodeName(relay())}/${rng.pick(['configuration', 'policy'])}`],
        ['GET', `${PREFIX}${encodeName(relay())}/${rng.pick(['aliases', 'versions', 'concurrency', 'url', ''])}`],
        ['POST', `${invocations(relay())}/${rng.text(1 + rng.int(8), 'abc')}`],
        ['POST', `/2014-11-13/functions/${encodeName(relay())}/invoke-async/`],
        [rng.pick(['GET', 'POST']), rng.pick(['/', `${PREFIX}`, '/2015-03-31/functions', `${PREFIX}/invocations`])],
        ['POST', `/${rng.text(1 + rng.int(20), 'abcdefghijklmnopqrstuvwxyz0123456789-._~')}`],
      ]);
      return asHostile('unknown operation', await sign({ method, path }));
    },
    'bad function name': async () => asHostile('bad function name', await sign({ path: invocations(badName()) })),
    'bad qualifier': async () => {
      const [path, query] = rng.pick<[string, Record<string, string>]>([
        [invocations(relay()), { Qualifier: rng.pick(['', 'prod.1', '$', 'a b', 'q'.repeat(129), '%']) }],
        [invocations(`${relay()}:prod`), { Qualifier: rng.pick(['$LATEST', 'live', '1']) }],
      ]);
      return asHostile('bad qualifier', await sign({ path }, callers.runner, { query }));
    },
    'unknown version or alias': async () => {
      // An Invoke: the runner may invoke the relays, not read them (a read is refused before its qualifier is read).
      const qualifier = rng.pick(['1', '42', 'prod', 'live', rng.text(1 + rng.int(20), 'abcdefgh-_')]);
      const byQuery = rng.chance(0.5);
      const path = invocations(byQuery ? relay() : `${relay()}:${qualifier}`);
      const query = byQuery ? { Qualifier: qualifier } : undefined;
      return asHostile('unknown version or alias', await sign({ path }, callers.runner, { query }));
    },
    'unknown function': async () =>
      asHostile(
        'unknown function',
        await sign({
          path: invocations(
            rng.pick([unknownName(), `arn:aws:lambda:us-east-1:333333333333:function:${unknownName()}`]),
          ),
        }),
      ),
    'not permitted': async () => {
      const [who, method, path] = rng.pick<[AwsCredentialIdentity, string, string]>([
        [callers.noLambda, 'POST', invocations(relay())],
        [callers.noLambda, 'GET', `${PREFIX}${encodeName(relay())}/configuration`],
        [callers.runner, 'POST', invocations('arn:aws:lambda:us-east-1:333333333333:function:payments')],
        [callers.runner, 'POST', invocations(`arn:aws:lambda:us-east-1:222222222222:function:${unknownName()}`)],
        [callers.runner, 'GET', `${PREFIX}${encodeName(relay())}/${rng.pick(['configuration', 'policy'])}`],
      ]);
      return asHostile('not permitted', await sign({ method, path }, who));
    },
    'payload not JSON': async () => {
      const body = rng.pick(['{', 'not json', '{"v":1,}', "{'v':1}", '\u0000\u0001', rng.text(1 + rng.int(100))]);
      return asHostile('payload not JSON', await sign({ body }));
    },
    'bad invocation type': async () => {
      const type = rng.pick(['requestresponse', 'event', 'Sync', '', 'RequestResponse,Event', rng.text(8)]);
      return asHostile('bad invocation type', await sign({ headers: { 'x-amz-invocation-type': type } }));
    },
    'bad log type': async () => {
      const type = rng.pick(['tail', 'NONE', 'Full', '', rng.text(6)]);
      return asHostile('bad log type', await sign({ headers: { 'x-amz-log-type': type } }));
    },
    'payload over 6 MB': async () => {
      oversized ??= Buffer.alloc(6 * 1024 * 1024 + 1024, 0x20);
      return asHostile('payload over 6 MB', await sign(), oversized);
    },
    'huge header': async () => ({
      kind: 'huge header',
      method: 'POST',
      target: invocations(relay()),
      headers: ['host', host, 'x-pad', 'a'.repeat(17_000 + rng.int(20_000))],
      body: '{}',
    }),
    'relay payload that is no relay request': async () => {
      const [payload, refusal] = hostileRelayPayload(rng);
      const type = rng.pick(['RequestResponse', 'RequestResponse', 'RequestResponse', 'Event', 'DryRun', undefined]);
      const signed = await sign({ body: payload, headers: type ? { 'x-amz-invocation-type': type } : {} });
      const invocation: ExpectedInvocation =
        type === 'Event' ? { status: 202 } : type === 'DryRun' ? { status: 204 } : { status: 200, refusal };
      return { ...asHostile('relay payload that is no relay request', signed), invocation };
    },
  };
  // The relay payloads three times as often as each other kind: they have four answers to come up.
  const relayKind = 'relay payload that is no relay request';
  const kinds = [...Object.keys(cases), relayKind, relayKind];
  // The oversized payload and the huge header (each an expensive read or close) are kept rare.
  return () => {
    let kind = rng.pick(kinds);
    if ((kind === 'payload over 6 MB' || kind === 'huge header') && rng.chance(0.6)) kind = 'tampered body';
    return cases[kind]!();
  };
}
