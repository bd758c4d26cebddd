/**
 * Requests per second through the local world's Lattice data plane over loopback HTTP, and
 * against a plain `http.createServer` answering the same body to the same client: an allowed
 * signed call (consumer-b → parking), a call the network policy denies (outsider-c → parking), an
 * anonymous call, and the baseline. One keep-alive agent per kind, a fixed concurrency, a fixed
 * number of requests after a warm-up, in interleaved rounds; every answer is checked.
 *
 * Client and servers share this Node process, as `npm run scenario` does with the embedded
 * world. Each kind's request is signed once before measuring (the SDK's signer, through the
 * harness's own signRequest), so the figures are what serving costs, not what signing costs.
 */
import { Agent, createServer, request as httpRequest } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './support/listenOnLoopback';
import type { HttpRequest } from '@smithy/types';
import { startLocalWorld } from '../emulator/startLocalWorld';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { createCredentialSource, type RoleCaller } from '../harness/credentials/createCredentialSource';
import { localEnvironment } from '../harness/environments/localEnvironment';
import { buildRequest } from '../harness/request/buildRequest';
import { signRequest } from '../harness/request/signRequest';
import type { PlannedCall, ResolvedEnvironment } from '../harness/resolve/types';

export interface InvokeBenchOptions {
  /** Requests in flight at once, per kind. */
  concurrency?: number;
  /** Unmeasured requests per kind before the rounds (answers still checked). */
  warmup?: number;
  /** Measured requests per kind, split over the rounds. */
  requests?: number;
  rounds?: number;
  /** Longest one kind may take in one round, in seconds; a kind that hits it reports what it did. */
  sliceLimitSeconds?: number;
  log?: (line: string) => void;
}

export interface KindResult {
  kind: string;
  requests: number;
  perSecond: number;
  /** perSecond / the baseline's. */
  vsBaseline: number;
  medianMs: number;
  p99Ms: number;
  mismatches: number;
  hitTimeLimit: boolean;
}

export interface InvokeBenchResult {
  kinds: KindResult[];
  mismatches: number;
  invokesCounted: number;
  invokesSent: number;
}

const ALLOWED_BODY = '"Lattice Success!"';
const REQUEST_TIMEOUT_MS = 5_000;

/** One kind of request: where it goes, from which address, with what headers, and the one answer it must get. */
export interface Kind {
  name: string;
  /** For the overhead line. */
  short: string;
  target: { address: string; port: number };
  localAddress: string;
  request: HttpRequest;
  /** Signs each request afresh (a client signing every call); otherwise `request` is sent as it is. */
  sign?: () => Promise<HttpRequest>;
  expect: { status: number; body: string };
  emulated: boolean;
}

export async function benchInvoke(options: InvokeBenchOptions = {}): Promise<InvokeBenchResult> {
  const {
    concurrency = 8,
    warmup = 500,
    requests = 12_000,
    rounds = 4,
    sliceLimitSeconds = 8,
    log = console.log,
  } = options;
  const local = await startLocalWorld();
  const baseline = await startBaseline();
  const agents: Agent[] = [];
  try {
    const env = localEnvironment(local);
    const kinds = await resolveKinds(env, local.dataPlane, baseline.target);
    log(
      `invoke bench: POST / to parking over loopback HTTP (the shared data plane, routed by Host), keep-alive, ` +
        `concurrency ${concurrency}, ${warmup} warm-up + ` +
        `${requests.toLocaleString('en-US')} measured requests per kind in ` +
        `${rounds} interleaved rounds`,
    );
    const tallies = kinds.map((kind) => {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      agents.push(agent);
      return {
        kind,
        agent,
        completed: 0,
        ms: 0,
        latencies: [] as number[],
        mismatches: 0,
        firstMismatch: undefined as string | undefined,
        hitTimeLimit: false,
        sent: 0,
      };
    });
    const invokesBefore = local.world.stats.invokes;
    for (const tally of tallies) {
      const batch = await runBatch(tally.kind, tally.agent, {
        count: warmup,
        concurrency,
        limitMs: sliceLimitSeconds * 1000,
      });
      tally.mismatches += batch.mismatches;
      tally.firstMismatch ??= batch.firstMismatch;
      tally.sent += batch.latencies.length;
    }
    for (let round = 0; round < rounds; round++) {
      const count = Math.floor(requests / rounds) + (round < requests % rounds ? 1 : 0);
      for (const tally of tallies) {
        const batch = await runBatch(tally.kind, tally.agent, {
          count,
          concurrency,
          limitMs: sliceLimitSeconds * 1000,
        });
        tally.completed += batch.latencies.length;
        tally.sent += batch.latencies.length;
        tally.ms += batch.elapsedMs;
        tally.latencies.push(...batch.latencies);
        tally.mismatches += batch.mismatches;
        tally.firstMismatch ??= batch.firstMismatch;
        tally.hitTimeLimit ||= batch.hitTimeLimit;
      }
    }
    const invokesCounted = local.world.stats.invokes - invokesBefore;
    const invokesSent = tallies.filter((t) => t.kind.emulated).reduce((n, t) => n + t.sent, 0);

    const baseRate = tallies[0]!.completed / (tallies[0]!.ms / 1000);
    const kindsOut: KindResult[] = tallies.map((t) => {
      const sorted = [...t.latencies].sort((a, b) => a - b);
      const perSecond = t.completed / (t.ms / 1000);
      return {
        kind: t.kind.name,
        requests: t.completed,
        perSecond,
        vsBaseline: perSecond / baseRate,
        medianMs: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        mismatches: t.mismatches,
        hitTimeLimit: t.hitTimeLimit,
      };
    });
    log(
      `  ${'kind'.padEnd(44)} ${'requests/s'.padStart(10)}  ` +
        `${'vs baseline'.padStart(11)}  ${'median'.padStart(9)}  ` +
        `${'p99'.padStart(9)}`,
    );
    for (const k of kindsOut) {
      const limit = k.hitTimeLimit ? `  (time limit: ${k.requests} measured)` : '';
      log(
        `  ${k.kind.padEnd(44)} ${format(k.perSecond)}  ` +
          `${`${k.vsBaseline.toFixed(2)}x`.padStart(11)}  ${ms(k.medianMs)}  ` +
          `${ms(k.p99Ms)}${limit}`,
      );
    }
    const mismatches = tallies.reduce((n, t) => n + t.mismatches, 0);
    const total = tallies.reduce((n, t) => n + t.sent, 0);
    log(
      `  emulator overhead (time per request against the baseline's, at the same concurrency): ${tallies
        .slice(1)
        .map((t, i) => `${t.kind.short} ${(1 / kindsOut[i + 1]!.vsBaseline).toFixed(1)}x`)
        .join(', ')}`,
    );
    log(
      `  mismatched answers ${mismatches.toLocaleString('en-US')} of ` +
        `${total.toLocaleString('en-US')}; the emulator counted ` +
        `${invokesCounted.toLocaleString('en-US')} invokes for ` +
        `${invokesSent.toLocaleString('en-US')} sent`,
    );
    for (const t of tallies) if (t.firstMismatch) log(`  first mismatch, ${t.kind.name}: ${t.firstMismatch}`);
    return { kinds: kindsOut, mismatches, invokesCounted, invokesSent };
  } finally {
    for (const agent of agents) agent.destroy();
    await baseline.close();
    await local.close();
  }
}

/** `npm run bench -- invoke`: exit 1 when any answer was not the expected one, or the emulator missed a request. */
export default async function run(): Promise<void> {
  quietSdkNodeWarning();
  const result = await benchInvoke();
  if (result.mismatches > 0 || result.invokesCounted !== result.invokesSent) {
    console.error('invoke bench: some answers were not the expected ones; the figures do not count');
    process.exitCode = 1;
  }
}

/** The four kinds, baseline first; roles assumed through the local world's STS, as a run does. */
async function resolveKinds(
  env: ResolvedEnvironment,
  dataPlane: { address: string; port: number },
  baseline: { address: string; port: number },
): Promise<Kind[]> {
  const credentials = createCredentialSource(env);
  const parking = env.services.parking!;
  const prepare = async (
    callerName: string,
  ): Promise<{ request: HttpRequest; localAddress: string; principal: string }> => {
    const caller = env.callers[callerName]!;
    const call: PlannedCall = {
      id: `bench › ${callerName}`,
      scenario: 'bench',
      name: callerName,
      caller,
      service: parking,
      request: { method: 'POST', path: '/', headers: {}, query: {} },
      expect: { kind: 'allow' },
    };
    const request = buildRequest(call);
    const localAddress = caller.localAddress;
    if (!localAddress) throw new Error(`the local caller ${callerName} has no VPC address`);
    if (caller.kind === 'anonymous') return { request, localAddress, principal: 'anonymous' };
    if (caller.kind === 'user') throw new Error('the invoke benchmark calls as role sessions');
    const role: RoleCaller = caller;
    const signed = await signRequest(request, {
      region: env.region,
      credentials: await credentials.forCaller(role),
      algorithm: role.signing,
    });
    const [, account, roleName] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(role.roleArn)!;
    return {
      request: signed,
      localAddress,
      principal: `arn:aws:sts::${account}:assumed-role/${roleName}/${role.sessionName}`,
    };
  };
  // Lattice's denial, written out from lattice-behaviour.md §2 rather than taken from the emulator's own formatter.
  const denial = (principal: string) =>
    `AccessDeniedException: User: ${principal} is not authorized to ` +
    `perform: vpc-lattice-svcs:Invoke on resource: ${parking.arn}/ ` +
    'because no network-based policy allows the vpc-lattice-svcs:Invoke action';
  const allowed = await prepare('consumer-b');
  const outsider = await prepare('outsider-c');
  const anonymous = await prepare('anonymous');
  const success = { status: 200, body: ALLOWED_BODY };
  return [
    {
      name: 'baseline (plain http.createServer)',
      short: 'baseline',
      target: baseline,
      localAddress: allowed.localAddress,
      request: allowed.request,
      expect: success,
      emulated: false,
    },
    {
      name: 'allowed: consumer-b → parking',
      short: 'allowed',
      target: dataPlane,
      localAddress: allowed.localAddress,
      request: allowed.request,
      expect: success,
      emulated: true,
    },
    {
      name: 'denied: outsider-c → parking (network)',
      short: 'denied',
      target: dataPlane,
      localAddress: outsider.localAddress,
      request: outsider.request,
      expect: { status: 403, body: denial(outsider.principal) },
      emulated: true,
    },
    {
      name: 'anonymous → parking (network)',
      short: 'anonymous',
      target: dataPlane,
      localAddress: anonymous.localAddress,
      request: anonymous.request,
      expect: { status: 403, body: denial('anonymous') },
      emulated: true,
    },
  ];
}

/**
 * A plain Node server on loopback answering every request with the allowed call's answer (after reading the
 * body, as the emulator does).
 */
export async function startBaseline(): Promise<LoopbackServer> {
  const body = Buffer.from(ALLOWED_BODY, 'utf8');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) });
      res.end(body);
    });
  });
  return listenOnLoopback(server);
}

export interface BatchResult {
  latencies: number[];
  elapsedMs: number;
  mismatches: number;
  firstMismatch?: string;
  hitTimeLimit: boolean;
}

/** `count` requests of one kind, `concurrency` at a time, stopping early (and saying so) at `limitMs`. */
export async function runBatch(
  kind: Kind,
  agent: Agent,
  { count, concurrency, limitMs }: { count: number; concurrency: number; limitMs: number },
): Promise<BatchResult> {
  const latencies: number[] = [];
  let mismatches = 0;
  let firstMismatch: string | undefined;
  let next = 0;
  const start = performance.now();
  const deadline = start + limitMs;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      next++;
      const sent = performance.now();
      const answer = await send(kind, kind.sign ? await kind.sign() : kind.request, agent);
      latencies.push(performance.now() - sent);
      const problem = 'error' in answer ? `no answer (${answer.error})` : describeMismatch(answer, kind.expect);
      if (problem) {
        mismatches++;
        firstMismatch ??= problem;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    latencies,
    elapsedMs: performance.now() - start,
    mismatches,
    firstMismatch,
    hitTimeLimit: latencies.length < count,
  };
}

function describeMismatch(
  answer: { status: number; body: string },
  expect: { status: number; body: string },
): string | undefined {
  if (answer.status === expect.status && answer.body === expect.body) return undefined;
  return (
    `${answer.status} ${JSON.stringify(answer.body.slice(0, 400))}, ` +
    `expected ${expect.status} ${JSON.stringify(expect.body)}`
  );
}

function send(
  kind: Kind,
  request: HttpRequest,
  agent: Agent,
): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: kind.target.address,
        port: kind.target.port,
        localAddress: kind.localAddress,
        agent,
        method: request.method,
        path: request.path,
        headers: request.headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(request.body);
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);
const ms = (n: number): string => `${n.toFixed(2)} ms`.padStart(9);
