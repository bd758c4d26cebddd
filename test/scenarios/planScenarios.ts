import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { defaultWorldName, listWorlds, loadWorld } from '../../world';
import { resolveNamedEnvironment, resolvePlan } from '../../harness/resolve/resolvePlan';
import type { Plan, ResolvedEnvironment } from '../../harness/resolve/types';

/** Where the scenario tests run: an environment by name, the scenarios folder, and for `local` the world. */
export interface ScenarioTarget {
  env: string;
  dir: string;
  world?: string;
}

/** The worlds the embedded local world runs, one after another: LATTICE_E2E_WORLD, or every world of the folder. */
export function localWorlds(dir: string, vars: NodeJS.ProcessEnv): string[] {
  if (vars.LATTICE_E2E_WORLD) return [vars.LATTICE_E2E_WORLD];
  const worlds = listWorlds(dir);
  return worlds.length > 0 ? worlds : ['demo'];
}

/** An environment ready to call, and what to close when done (the local world, for `local`). */
export interface OpenEnvironment {
  env: ResolvedEnvironment;
  close(): Promise<void>;
}

/**
 * Resolves the environment named `target.env`: `local` starts the embedded world; any other name
 * is `<dir>/environments/<name>.ts`, read against `vars` (a missing variable is named).
 */
export async function openEnvironment(target: ScenarioTarget, vars: NodeJS.ProcessEnv): Promise<OpenEnvironment> {
  if (target.env === 'local') {
    const spec = await loadWorld(target.world ?? defaultWorldName(target.dir), target.dir);
    const world: LocalWorld = await startLocalWorld({ spec });
    return { env: localEnvironment(world), close: () => world.close() };
  }
  return { env: await resolveNamedEnvironment(target.env, target.dir, vars), close: async () => undefined };
}

/** Every scenario file in the folder, resolved against the environment into one plan (as `--all` does). */
export function planScenarios(dir: string, env: ResolvedEnvironment): Promise<Plan> {
  return resolvePlan({ dir, all: true, names: [] }, env);
}

/** Plans once, closing the environment right after: what the test file needs to declare its tests. */
export async function planOnce(target: ScenarioTarget, vars: NodeJS.ProcessEnv): Promise<Plan> {
  const open = await openEnvironment(target, vars);
  try {
    return await planScenarios(target.dir, open.env);
  } finally {
    await open.close();
  }
}
