/**
 * Wall time of a plan of 20 roles × 10 calls each (200 calls) through the harness's runPlan against
 * the local world with STS answering after 200 ms and the data plane after 50 ms, at concurrency 4
 * and 50, against the floor those latencies allow:
 *
 *   floor_c = ceil(roles / c) × 200 ms + ceil(calls / c) × 50 ms,  calls = roles × calls per role = 200
 *
 * Every call holds a concurrency slot for 50 ms and every role assumption for 200 ms (each role
 * once), so with c slots no run can be shorter. Every answer must be 200 and the success body, and
 * the world must count exactly one AssumeRole per role; a last run injects throttling of the first
 * AssumeRole calls and checks that each throttled assumption was retried once for all the calls
 * waiting on it: AssumeRole calls = roles + throttled.
 *
 * The process's CPU time per run is shown beside the wall time: client, STS and data plane share
 * the process, and on a loaded machine a run at high concurrency waits for a core as much as for
 * the injected latency.
 */
import { startLocalWorld, type LocalWorld } from '../emulator/startLocalWorld';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { createCredentialSource } from '../harness/credentials/createCredentialSource';
import { localEnvironment } from '../harness/environments/localEnvironment';
import type { Plan } from '../harness/resolve/types';
import { Redactor } from '../harness/run/Redactor';
import { runPlan } from '../harness/run/runPlan';
import { benchCalls, benchWorld } from './support/benchWorld';
import { fail, fmt, median, spread } from './support/stats';

const ROLES = 20;
const PER_ROLE = 10;
const STS_MS = 200;
const LATTICE_MS = 50;
const ROUNDS = 3;
const GOALS: Record<number, number> = { 4: 1.2, 50: 1.5 };

export const floorMs = (roles: number, calls: number, c: number) =>
  Math.ceil(roles / c) * STS_MS + Math.ceil(calls / c) * LATTICE_MS;

interface Round {
  cpuMs: number;
  wallMs: number;
  assumeRoles: number;
  throttled: number;
  bad: string[];
  flaky: number;
}

async function runOnce(local: LocalWorld, plan: Plan, concurrency: number): Promise<Round> {
  local.world.resetStats();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await runPlan(plan, {
    reporter: {},
    redactor: new Redactor(),
    credentials: createCredentialSource(plan.environment),
    concurrency,
  });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const bad = summary.results.filter((r) => r.status === 'failed').map((r) => `${r.call.id}: ${r.verdict.reason}`);
  const assumeRoles = [...local.world.stats.assumeRole.values()].reduce((a, b) => a + b, 0);
  return { cpuMs, wallMs, assumeRoles, throttled: local.world.stats.throttled, bad, flaky: summary.flaky };
}

export default async function run(): Promise<void> {
  quietSdkNodeWarning();
  const local = await startLocalWorld({
    spec: benchWorld({ roles: ROLES }),
    faults: { stsLatencyMs: STS_MS, latticeLatencyMs: LATTICE_MS },
  });
  try {
    const env = localEnvironment(local);
    const plan: Plan = { environment: env, calls: benchCalls(env, ROLES, PER_ROLE) };
    const calls = plan.calls.length;
    console.log(
      `matrix bench: ${ROLES} roles × ${PER_ROLE} calls = ${calls} calls, STS ` +
        `${STS_MS} ms, Lattice ${LATTICE_MS} ms injected; ${ROUNDS} interleaved ` +
        `rounds`,
    );
    const levels = [4, 50];
    const walls = new Map<number, number[]>(levels.map((c) => [c, []]));
    const cpus = new Map<number, number[]>(levels.map((c) => [c, []]));
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of levels) {
        const r = await runOnce(local, plan, c);
        walls.get(c)!.push(r.wallMs);
        cpus.get(c)!.push(r.cpuMs);
        problems.push(...r.bad.slice(0, 3));
        if (r.assumeRoles !== ROLES)
          problems.push(`concurrency ${c}: ${r.assumeRoles} AssumeRole calls for ${ROLES} roles`);
      }
    }
    const ratios: string[] = [];
    for (const c of levels) {
      const floor = floorMs(ROLES, calls, c);
      const wall = median(walls.get(c)!);
      const ratio = wall / floor;
      const met = ratio <= GOALS[c]! ? 'met' : 'NOT met';
      const rounds = walls
        .get(c)!
        .map((w) => fmt(w))
        .join(', ');
      console.log(
        `  concurrency ${String(c).padStart(2)}: wall ${fmt(wall)} ms (rounds ${rounds}, ` +
          `spread ${fmt(spread(walls.get(c)!))} %), floor ${fmt(floor)} ms, ` +
          `wall/floor ${ratio.toFixed(2)} (goal ≤ ${GOALS[c]}: ${met}); CPU ${fmt(median(cpus.get(c)!))} ms`,
      );
      ratios.push(`${ratio.toFixed(2)} at ${c}`);
    }
    // Throttling: the first 5 AssumeRole calls are refused with Throttling and retried by the credential source.
    local.faults.set({ throttleAssumeRole: 5 });
    const throttled = await runOnce(local, plan, 50);
    local.faults.set({ throttleAssumeRole: 0 });
    problems.push(...throttled.bad.slice(0, 3));
    if (throttled.assumeRoles - throttled.throttled !== ROLES) {
      problems.push(
        `throttled run: ${throttled.assumeRoles} AssumeRole calls, ` +
          `${throttled.throttled} throttled, for ${ROLES} roles`,
      );
    }
    console.log(
      `  AssumeRole calls counted at the emulator: ${ROLES} per run for ` +
        `${ROLES} roles (${ROUNDS * levels.length} runs); with throttling ` +
        `injected: ${throttled.assumeRoles} = ${ROLES} roles + ` +
        `${throttled.throttled} throttled (each retried once, for every call ` +
        `waiting on it), ${throttled.flaky} calls flaky, wall ` +
        `${fmt(throttled.wallMs)} ms`,
    );
    console.log(
      `  failed calls ` +
        `${problems.length === 0 ? 0 : problems.length}${problems.length ? `: ${problems.join('; ')}` : ''}`,
    );
    console.log(`  wall/floor: ${ratios.join(', ')}`);
    if (problems.length > 0) fail('matrix', 'some calls failed or AssumeRole was called more than once per role');
  } finally {
    await local.close();
  }
}
