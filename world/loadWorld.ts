import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describeLoadError } from './describeLoadError';
import { ConfigFileError, UserError } from './errors';
import { DEMO_WORLD_FILE } from './demoFile';
import { importTypeScript } from './importTypeScript';
import { resolveWorld } from './resolveWorld';
import type { WorldSpec } from './types';

/** The world files of `<dir>/worlds`, by name. */
export function listWorlds(dir: string): string[] {
  const worlds = join(dir, 'worlds');
  if (!existsSync(worlds)) return [];
  return readdirSync(worlds, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => e.name.slice(0, -3))
    .sort();
}

/** A world given by name (`<dir>/worlds/<name>.ts`) or by file path: the file it is read from. */
export function worldFile(nameOrFile: string, dir: string): string {
  if (nameOrFile.endsWith('.ts') || nameOrFile.includes('/')) return resolve(nameOrFile);
  const available = listWorlds(dir);
  // A scenarios folder without a demo of its own runs against the shipped one.
  if (nameOrFile === 'demo' && !available.includes('demo')) return DEMO_WORLD_FILE;
  if (!available.includes(nameOrFile)) {
    throw new UserError(
      'WORLD_UNKNOWN',
      `unknown world "${nameOrFile}". Available in ${join(dir, 'worlds')}: ${available.join(', ') || '(none)'}`,
    );
  }
  return resolve(join(dir, 'worlds', `${nameOrFile}.ts`));
}

/** Loads and resolves a world file; every mistake names the file and the field. */
export async function loadWorld(nameOrFile: string, dir: string): Promise<WorldSpec> {
  const file = worldFile(nameOrFile, dir);
  if (!existsSync(file)) throw new ConfigFileError(file, undefined, 'does not exist');
  let mod: { default?: unknown };
  try {
    mod = await importTypeScript(file);
  } catch (error) {
    throw new ConfigFileError(file, undefined, describeLoadError(error, file));
  }
  if (mod.default === undefined)
    throw new ConfigFileError(file, 'default export', 'is missing: export default defineWorld({...})');
  return resolveWorld(mod.default, file);
}

/** The world a name stands for when none is given: `demo` if there is one, else the only world of `dir`. */
export function defaultWorldName(dir: string): string {
  const available = listWorlds(dir);
  if (available.includes('demo') || available.length !== 1) return 'demo';
  return basename(available[0]!);
}
