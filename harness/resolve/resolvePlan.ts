import { join } from 'node:path';
import { UnknownEnvironmentError, UnknownScenarioError, UserError } from '../errors';
import { defaultWorldName, loadWorld } from '../../world';
import { listModules, loadDefaultExport } from './loadModule';
import { resolveEnvironment } from './resolveEnvironment';
import { resolveScenario } from './resolveScenario';
import type { Plan, ResolvedEnvironment } from './types';

/** Which scenarios: every one in `dir`, or the names given (each once, in the order given). */
export interface ScenarioSelection {
  dir: string;
  all: boolean;
  names: string[];
}

/**
 * Scenario files → one plan against `env`. An unknown name lists the available ones; `--all` with
 * names is ambiguous; a selection that yields no call is an error, never an empty green run.
 */
export async function resolvePlan(selection: ScenarioSelection, env: ResolvedEnvironment): Promise<Plan> {
  const available = listModules(selection.dir);
  if (selection.all && selection.names.length > 0)
    throw new UserError('USAGE', 'give scenario names or --all, not both');
  const names = selection.all ? available : [...new Set(selection.names)];
  for (const name of names) if (!available.includes(name)) throw new UnknownScenarioError(name, available);
  // A run is against one world: `--all` takes the scenarios written for it; a named one must be.
  const runWorld = env.world?.name ?? defaultWorldName(selection.dir);
  const calls = [];
  const otherWorlds: Record<string, string[]> = {};
  for (const name of names) {
    const { file, value } = await loadDefaultExport(selection.dir, name);
    const world = scenarioWorld(value, selection.dir);
    if (world !== runWorld) {
      if (!selection.all) {
        throw new UserError(
          'WORLD_MISMATCH',
          `${file}: world: the scenario is written for world "${world}", and this ` +
            `run is against world "${runWorld}": add --world ${world}`,
        );
      }
      (otherWorlds[world] ??= []).push(name);
      continue;
    }
    // One at a time: spreading a scenario of 100,000 calls into push overflows the call stack.
    for (const call of resolveScenario(name, file, value, env)) calls.push(call);
  }
  if (calls.length === 0) {
    throw new UserError(
      'PLAN_EMPTY',
      `no scenario for world "${runWorld}" to run in ${selection.dir}: a run that calls nothing proves nothing`,
    );
  }
  return { environment: env, calls, ...(Object.keys(otherWorlds).length > 0 && { otherWorlds }) };
}

/** The world a scenario is written for: its `world` field, else the folder's default world. */
function scenarioWorld(value: unknown, dir: string): string {
  const world = typeof value === 'object' && value !== null ? (value as { world?: unknown }).world : undefined;
  return typeof world === 'string' && world !== '' ? world : defaultWorldName(dir);
}

/**
 * A named environment file, `<dir>/environments/<name>.ts`, read against `vars`. The built-in
 * `local` environment is the caller's to build (it needs a running world) and is only listed here.
 */
export async function resolveNamedEnvironment(
  name: string,
  dir: string,
  vars: NodeJS.ProcessEnv,
): Promise<ResolvedEnvironment> {
  const envDir = join(dir, 'environments');
  const available = listModules(envDir);
  if (!available.includes(name)) throw new UnknownEnvironmentError(name, ['local', ...available]);
  const { file, value } = await loadDefaultExport(envDir, name);
  const env = resolveEnvironment(name, file, value, vars);
  return env.worldRef === undefined ? env : { ...env, world: await loadWorld(env.worldRef, dir) };
}
