/**
 * What the harness costs per call over the least a client can do: the same emulator, the same
 * caller and service, N calls at concurrency 4, in interleaved rounds:
 *
 * - `harness`: runPlan (credentials from the single-flight source, build, SigV4-sign, send over
 *   the run's kept-alive connections, classify, redact, judge), as `npm run scenario` runs each call;
 * - `loop, kept alive`: one request signed once before measuring, sent N times over a keep-alive
 *   agent (bench/invoke.ts's load generator);
 * - `loop, new connection`: the same, a fresh connection per request;
 * - `loop, signed per call`: the kept-alive loop signing each request afresh with the harness's
 *   signer (`@smithy/signature-v4`, as AWS SDK clients sign), as any client that signs its calls
 *   does: how much of the harness's cost over the loop is the SDK's signing.
 *
 * Both wall time and this process's CPU time per call are shown (client and emulator share the
 * process): on a loaded machine CPU time is the steadier figure. Every answer must be 200 and the
 * success body.
 */
import { Agent } from 'node:http';
import { startLocalWorld } from '../emulator/startLocalWorld';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { createCredentialSource, type RoleCaller } from '../harness/credentials/createCredentialSource';
import { localEnvironment } from '../harness/environments/localEnvironment';
import { buildRequest } from '../harness/request/buildRequest';
import { signRequest } from '../harness/request/signRequest';
import type { Plan } from '../harness/resolve/types';
import { Redactor } from '../harness/run/Redactor';
import { runPlan } from '../harness/run/runPlan';
import { runBatch, type Kind } from './invoke';
import { benchCalls, benchWorld, SUCCESS_BODY } from './support/benchWorld';
import { fail, fmt, median, spread } from './support/stats';

const CALLS = 600;
const CONCURRENCY = 4;
const ROUNDS = 5;
const GOAL = 1.5;

interface Sample {
  wallMs: number;
  cpuMs: number;
  bad: number;
}

async function measure(fn: () => Promise<number>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const bad = await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - started) / CALLS, cpuMs: (used.user + used.system) / 1000 / CALLS, bad };
}

export default async function run(): Promise<void> {
  quietSdkNodeWarning();
  const local = await startLocalWorld({ spec: benchWorld({ roles: 1 }) });
  const keptAlive = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const fresh = new Agent({ keepAlive: false });
  try {
    const env = localEnvironment(local);
    const plan: Plan = { environment: env, calls: benchCalls(env, 1, CALLS) };
    const credentials = createCredentialSource(env);
    const call = plan.calls[0]!;
    const caller = call.caller as RoleCaller;
    const signing = {
      region: env.region,
      credentials: await credentials.forCaller(caller),
      algorithm: 'sigv4',
    } as const;
    const signed = await signRequest(buildRequest(call), signing);
    const target = env.resolve[`${call.service.url.hostname}:80`]!;
    const kind: Kind = {
      name: 'loop',
      short: 'loop',
      target,
      localAddress: caller.localAddress!,
      request: signed,
      expect: { status: 200, body: SUCCESS_BODY },
      emulated: true,
    };
    const contenders: [string, () => Promise<number>][] = [
      [
        'harness (runPlan)',
        async () => {
          const summary = await runPlan(plan, {
            reporter: {},
            redactor: new Redactor(),
            credentials,
            concurrency: CONCURRENCY,
          });
          return summary.failed;
        },
      ],
      [
        'loop, kept alive',
        async () =>
          (await runBatch(kind, keptAlive, { count: CALLS, concurrency: CONCURRENCY, limitMs: 60_000 })).mismatches,
      ],
      [
        'loop, new connection',
        async () =>
          (await runBatch(kind, fresh, { count: CALLS, concurrency: CONCURRENCY, limitMs: 60_000 })).mismatches,
      ],
      [
        'loop, signed per call',
        async () =>
          (
            await runBatch({ ...kind, sign: () => signRequest(buildRequest(call), signing) }, keptAlive, {
              count: CALLS,
              concurrency: CONCURRENCY,
              limitMs: 60_000,
            })
          ).mismatches,
      ],
    ];
    console.log(
      `overhead bench: ${CALLS} calls (consumer → parking, POST / over ` +
        `loopback HTTP) at concurrency ${CONCURRENCY}, ${ROUNDS} interleaved ` +
        `rounds after a warm-up`,
    );
    for (const [, fn] of contenders) await fn();
    const samples = contenders.map(() => [] as Sample[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, fn]] of contenders.entries()) samples[i]!.push(await measure(fn));
    }
    const med = samples.map((s) => ({
      wall: median(s.map((x) => x.wallMs)),
      cpu: median(s.map((x) => x.cpuMs)),
      spread: spread(s.map((x) => x.wallMs)),
      bad: s.reduce((n, x) => n + x.bad, 0),
    }));
    for (const [i, [name]] of contenders.entries()) {
      console.log(
        `  ${name.padEnd(22)} ${fmt(med[i]!.wall, 3)} ms wall per call (spread ` +
          `${fmt(med[i]!.spread)} %), ${fmt(med[i]!.cpu, 3)} ms CPU per call`,
      );
    }
    const bad = med.reduce((n, m) => n + m.bad, 0);
    console.log(`  failed or mismatched answers ${bad} of ${CALLS * ROUNDS * contenders.length}`);
    const signedLoop = med[3]!;
    console.log(
      `  signing each call with the SDK: ${fmt((signedLoop.cpu - med[1]!.cpu) * 1000)} µs CPU per call; ` +
        `harness / loop signed per call: ${(med[0]!.wall / signedLoop.wall).toFixed(2)} wall, ` +
        `${(med[0]!.cpu / signedLoop.cpu).toFixed(2)} CPU`,
    );
    const ratio = med[0]!.wall / med[1]!.wall;
    const cpuRatio = med[0]!.cpu / med[1]!.cpu;
    console.log(
      `  harness / kept-alive loop: ${ratio.toFixed(2)} wall, ` +
        `${cpuRatio.toFixed(2)} CPU (goal ≤ ${GOAL}: ` +
        `${ratio <= GOAL ? 'met' : 'NOT met'})`,
    );
    if (bad > 0) fail('overhead', 'some answers were not the expected ones');
  } finally {
    keptAlive.destroy();
    fresh.destroy();
    await local.close();
  }
}
