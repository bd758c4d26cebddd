import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeLoadError } from '../../world/describeLoadError';
import { ConfigFileError } from '../errors';
import { importTypeScript } from '../../world/importTypeScript';

/** Names of the `.ts` files directly in `dir` (no subfolders), without the extension, sorted. */
export function listModules(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => e.name.slice(0, -3))
    .sort();
}

/** Imports a user-authored module and returns its default export; a load failure names the file. */
export async function loadDefaultExport(dir: string, name: string): Promise<{ file: string; value: unknown }> {
  const file = resolve(join(dir, `${name}.ts`));
  let mod: { default?: unknown };
  try {
    mod = await importTypeScript(file);
  } catch (error) {
    throw new ConfigFileError(file, undefined, describeLoadError(error, file));
  }
  if (mod.default === undefined)
    throw new ConfigFileError(
      file,
      'default export',
      'is missing: export default defineScenario({...}) or defineEnvironment({...})',
    );
  return { file, value: mod.default };
}
