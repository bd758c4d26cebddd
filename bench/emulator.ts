/**
 * Requests per second the local world serves when it does all of a Lattice data plane's work for
 * an allowed call: verify the SigV4 signature of a role session, evaluate the service network's
 * auth policy, forward the request to an upstream target and relay its answer. Against the same
 * upstream (a bare node:http server) reached directly, with the same load generator
 * (bench/invoke.ts: keep-alive client, concurrency 8, every answer checked), in interleaved rounds.
 * A third contender, a bare node:http proxy forwarding over a kept-alive agent, shows what the
 * second HTTP exchange alone costs. Goal: emulated / bare ≥ 0.5.
 */
import { Agent } from 'node:http';
import { startLocalWorld } from '../emulator/startLocalWorld';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { createCredentialSource, type RoleCaller } from '../harness/credentials/createCredentialSource';
import { localEnvironment } from '../harness/environments/localEnvironment';
import { buildRequest } from '../harness/request/buildRequest';
import { signRequest } from '../harness/request/signRequest';
import { runBatch, startBaseline, type Kind } from './invoke';
import { startBareProxy } from './support/startBareProxy';
import { benchCalls, benchWorld, SUCCESS_BODY } from './support/benchWorld';
import { fail, fmt, median, spread } from './support/stats';

const CONCURRENCY = 8;
const REQUESTS = 3_000;
const ROUNDS = 4;
const GOAL = 0.5;

export default async function run(): Promise<void> {
  quietSdkNodeWarning();
  const upstream = await startBaseline();
  const proxy = await startBareProxy(upstream.target);
  const local = await startLocalWorld({
    spec: benchWorld({ roles: 1, upstream: `http://${upstream.target.address}:${upstream.target.port}` }),
  });
  const agents = [1, 2, 3].map(() => new Agent({ keepAlive: true, maxSockets: CONCURRENCY }));
  try {
    const env = localEnvironment(local);
    const call = benchCalls(env, 1, 1)[0]!;
    const caller = call.caller as RoleCaller;
    const credentials = await createCredentialSource(env).forCaller(caller);
    const signed = await signRequest(buildRequest(call), { region: env.region, credentials, algorithm: 'sigv4' });
    const expect = { status: 200, body: SUCCESS_BODY };
    const kinds: Kind[] = [
      {
        name: 'bare node:http server',
        short: 'bare',
        target: upstream.target,
        localAddress: caller.localAddress!,
        request: signed,
        expect,
        emulated: false,
      },
      {
        name: 'bare forwarding proxy (node:http, keep-alive)',
        short: 'proxy',
        target: proxy.target,
        localAddress: caller.localAddress!,
        request: signed,
        expect,
        emulated: false,
      },
      {
        name: 'local world: signed, verified, evaluated, forwarded',
        short: 'emulated',
        target: env.resolve[`${call.service.url.hostname}:80`]!,
        localAddress: caller.localAddress!,
        request: signed,
        expect,
        emulated: true,
      },
    ];
    console.log(
      `emulator bench: POST / over loopback HTTP, keep-alive, concurrency ` +
        `${CONCURRENCY}, ${fmt(REQUESTS)} requests per kind per round, ` +
        `${ROUNDS} interleaved rounds after a warm-up`,
    );
    for (const [i, kind] of kinds.entries())
      await runBatch(kind, agents[i]!, { count: 300, concurrency: CONCURRENCY, limitMs: 20_000 });
    const rates = kinds.map(() => [] as number[]);
    let mismatches = 0;
    let first: string | undefined;
    local.world.resetStats();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, kind] of kinds.entries()) {
        const batch = await runBatch(kind, agents[i]!, { count: REQUESTS, concurrency: CONCURRENCY, limitMs: 20_000 });
        rates[i]!.push(batch.latencies.length / (batch.elapsedMs / 1000));
        mismatches += batch.mismatches;
        first ??= batch.firstMismatch;
      }
    }
    const meds = rates.map(median);
    for (const [i, kind] of kinds.entries())
      console.log(
        `  ${kind.name.padEnd(52)} ${fmt(meds[i]!).padStart(7)} requests/s (spread ${fmt(spread(rates[i]!))} %)`,
      );
    const forwarded = local.world.stats.invokes;
    console.log(
      `  mismatched answers ` +
        `${mismatches}${first ? ` (first: ${first})` : ''}; the world counted ` +
        `${fmt(forwarded)} invokes for ${fmt(REQUESTS * ROUNDS)} sent`,
    );
    const ratio = meds[2]! / meds[0]!;
    console.log(
      `  bare proxy / bare: ${(meds[1]! / meds[0]!).toFixed(2)} (two HTTP exchanges per request instead of one); ` +
        `emulated / bare proxy: ${(meds[2]! / meds[1]!).toFixed(2)}`,
    );
    console.log(`  emulated / bare: ${ratio.toFixed(2)} (goal ≥ ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
    if (mismatches > 0 || forwarded !== REQUESTS * ROUNDS) fail('emulator', 'some answers were not the expected ones');
  } finally {
    for (const agent of agents) agent.destroy();
    await local.close();
    await proxy.close();
    await upstream.close();
  }
}
