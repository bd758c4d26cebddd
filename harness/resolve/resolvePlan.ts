import { join } from 'node:path';
import { UnknownEnvironmentError, UnknownScenarioError, UserError } from '../errors';
import { listModules, loadDefaultExport } from './loadModule';
import { resolveEnvironment } from './resolveEnvironment';
import { resolveScenario } from './resolveScenario';
import type { Plan, ResolvedEnvironment } from './types';

/** Which scenarios: every one in `dir`, or the names given (each once, in the order given). */
export interface ScenarioSelection { dir: string; all: boolean; names: string[] }

/**
 * Scenario files → one plan against `env`. An unknown name lists the available ones; `--all` with
 * names is ambiguous; a selection that yields no call is an error, never an empty green run.
 */
export async function resolvePlan(selection: ScenarioSelection, env: ResolvedEnvironment): Promise<Plan> {
  const available = listModules(selection.dir);
  if (selection.all && selection.names.length > 0) throw new UserError('USAGE', 'give scenario names or --all, not both');
  const names = selection.all ? available : [...new Set(selection.names)];
  for (const name of names) if (!available.includes(name)) throw new UnknownScenarioError(name, available);
  const calls = [];
  for (const name of names) {
    const { file, value } = await loadDefaultExport(selection.dir, name);
    calls.push(...resolveScenario(name, file, value, env));
  }
  if (calls.length === 0) throw new UserError('PLAN_EMPTY', `no scenario to run in ${selection.dir}: a run that calls nothing proves nothing`);
  return { environment: env, calls };
}

/**
 * A named environment file, `<dir>/environments/<name>.ts`, read against `vars`. The built-in
 * `local` environment is the caller's to build (it needs a running world) and is only listed here.
 */
export async function resolveNamedEnvironment(name: string, dir: string, vars: NodeJS.ProcessEnv): Promise<ResolvedEnvironment> {
  const envDir = join(dir, 'environments');
  const available = listModules(envDir);
  if (!available.includes(name)) throw new UnknownEnvironmentError(name, ['local', ...available]);
  const { file, value } = await loadDefaultExport(envDir, name);
  return resolveEnvironment(name, file, value, vars);
}
