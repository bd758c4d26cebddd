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
import { fork } from 'node:child_process';
import { startLocalWorld } from '../emulator/startLocalWorld';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { createCredentialSource } from '../harness/credentials/createCredentialSource';
import { localEnvironment, localEnvironmentFromSpec } from '../harness/environments/localEnvironment';
import type { Plan, ResolvedEnvironment } from '../harness/resolve/types';
import { Redactor } from '../harness/run/Redactor';
import { runPlan } from '../harness/run/runPlan';
import { benchCalls, benchWorld } from './support/benchWorld';
import { fail, fmt, median, spread } from './support/stats';
import type { WorldProcessReady } from './support/worldProcess';

const ROLES = 20;
const PER_ROLE = 10;
const STS_MS = 200;
const LATTICE_MS = 50;
const ROUNDS = 3;
const GOALS: Record<number, number> = { 4: 1.2, 50: 1.5 };

/** The world a run goes against, wherever it runs, and its counters. */
interface WorldUnderTest {
  /** How the figures name it. */
  where: string;
  env: ResolvedEnvironment;
  resetStats(): Promise<void>;
  stats(): Promise<{ assumeRoles: number; throttled: number }>;
  throttleAssumeRole(count: number): Promise<void>;
  close(): Promise<void>;
}

async function inThisProcess(): Promise<WorldUnderTest> {
  const local = await startLocalWorld({
    spec: benchWorld({ roles: ROLES }),
    faults: { stsLatencyMs: STS_MS, latticeLatencyMs: LATTICE_MS },
  });
  return {
    where: 'world in this process',
    env: localEnvironment(local),
    resetStats: async () => local.world.resetStats(),
    stats: async () => ({
      assumeRoles: [...local.world.stats.assumeRole.values()].reduce((a, b) => a + b, 0),
      throttled: local.world.stats.throttled,
    }),
    throttleAssumeRole: async (count) => void local.faults.set({ throttleAssumeRole: count }),
    close: () => local.close(),
  };
}

/** The same world in a child process: its CPU on another core, as AWS's is on other machines. */
async function inItsOwnProcess(): Promise<WorldUnderTest> {
  const args = [String(ROLES), String(STS_MS), String(LATTICE_MS)];
  const child = fork('bench/support/worldProcess.ts', args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ready = await new Promise<WorldProcessReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as WorldProcessReady));
    child.once('exit', (code) => reject(new Error(`the world process exited (${code}) before serving`)));
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${ready.adminUrl}/${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status}`);
    return res.json() as Promise<{ assumeRole: Record<string, number>; throttled: number }>;
  };
  return {
    where: 'world in its own process',
    env: localEnvironmentFromSpec(benchWorld({ roles: ROLES }), ready.endpoints),
    resetStats: async () => void (await admin('DELETE', 'stats')),
    stats: async () => {
      const s = await admin('GET', 'stats');
      return { assumeRoles: Object.values(s.assumeRole).reduce((a, b) => a + b, 0), throttled: s.throttled };
    },
    throttleAssumeRole: async (count) => void (await admin('POST', 'faults', { throttleAssumeRole: count })),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

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

async function runOnce(world: WorldUnderTest, plan: Plan, concurrency: number): Promise<Round> {
  await world.resetStats();
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
  const { assumeRoles, throttled } = await world.stats();
  return { cpuMs, wallMs, assumeRoles, throttled, bad, flaky: summary.flaky };
}

export default async function run(): Promise<void> {
  quietSdkNodeWarning();
  const worlds = [await inThisProcess(), await inItsOwnProcess()];
  try {
    const plans = worlds.map((w): Plan => ({ environment: w.env, calls: benchCalls(w.env, ROLES, PER_ROLE) }));
    const calls = plans[0]!.calls.length;
    console.log(
      `matrix bench: ${ROLES} roles × ${PER_ROLE} calls = ${calls} calls, STS ${STS_MS} ms, Lattice ` +
        `${LATTICE_MS} ms injected; ${ROUNDS} interleaved rounds, the world in this process and in its own`,
    );
    const levels = [4, 50];
    const key = (w: number, c: number) => `${w} ${c}`;
    const walls = new Map<string, number[]>();
    const cpus = new Map<string, number[]>();
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [w, world] of worlds.entries()) {
        for (const c of levels) {
          const r = await runOnce(world, plans[w]!, c);
          walls.set(key(w, c), [...(walls.get(key(w, c)) ?? []), r.wallMs]);
          cpus.set(key(w, c), [...(cpus.get(key(w, c)) ?? []), r.cpuMs]);
          problems.push(...r.bad.slice(0, 3));
          if (r.assumeRoles !== ROLES)
            problems.push(`${world.where}, concurrency ${c}: ${r.assumeRoles} AssumeRole calls for ${ROLES} roles`);
        }
      }
    }
    const ratios: string[] = [];
    for (const [w, world] of worlds.entries()) {
      console.log(`  ${world.where} (CPU: this process's, the harness${w === 0 ? ' and the world' : ' alone'}):`);
      for (const c of levels) {
        const floor = floorMs(ROLES, calls, c);
        const rounds = walls.get(key(w, c))!;
        const wall = median(rounds);
        const ratio = wall / floor;
        const met = ratio <= GOALS[c]! ? 'met' : 'NOT met';
        console.log(
          `    concurrency ${String(c).padStart(2)}: wall ${fmt(wall)} ms ` +
            `(rounds ${rounds.map((x) => fmt(x)).join(', ')}, spread ${fmt(spread(rounds))} %), ` +
            `floor ${fmt(floor)} ms, wall/floor ${ratio.toFixed(2)} (goal ≤ ${GOALS[c]}: ${met}); ` +
            `CPU ${fmt(median(cpus.get(key(w, c))!))} ms`,
        );
        ratios.push(`${ratio.toFixed(2)} at ${c} (${world.where})`);
      }
    }
    // Throttling: the first 5 AssumeRole calls are refused with Throttling and retried by the credential source.
    const world = worlds[1]!;
    await world.throttleAssumeRole(5);
    const throttled = await runOnce(world, plans[1]!, 50);
    await world.throttleAssumeRole(0);
    problems.push(...throttled.bad.slice(0, 3));
    if (throttled.assumeRoles - throttled.throttled !== ROLES) {
      problems.push(
        `throttled run: ${throttled.assumeRoles} AssumeRole calls, ` +
          `${throttled.throttled} throttled, for ${ROLES} roles`,
      );
    }
    console.log(
      `  AssumeRole calls counted at the emulator: ${ROLES} per run for ` +
        `${ROLES} roles (${ROUNDS * levels.length * worlds.length} runs); with throttling ` +
        `injected: ${throttled.assumeRoles} = ${ROLES} roles + ` +
        `${throttled.throttled} throttled (each retried once, for every call ` +
        `waiting on it), ${throttled.flaky} calls flaky, wall ` +
        `${fmt(throttled.wallMs)} ms`,
    );
    console.log(`  failed calls ${problems.length}${problems.length ? `: ${problems.join('; ')}` : ''}`);
    console.log(`  wall/floor: ${ratios.join(', ')}`);
    if (problems.length > 0) fail('matrix', 'some calls failed or AssumeRole was called more than once per role');
  } finally {
    await Promise.all(worlds.map((w) => w.close()));
  }
}
