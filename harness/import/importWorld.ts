import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { UserError } from '../errors';
import type { ResolvedEnvironment } from '../resolve/types';
import { createReadClients, type ReadClientOptions } from './createReadClients';
import { readDeployedOrganization, type ReadOptions } from './readDeployedOrganization';
import { renderWorldFile } from './renderWorldFile';

export interface ImportOptions extends ReadClientOptions, ReadOptions {
  /** The world file to write (`scenarios/worlds/<name>.ts`); its policies go to `<name>/` beside it. */
  out: string;
  /** The project root, to import `defineWorld` from relative to the world file. */
  root: string;
}

/**
 * Reads the environment's deployed organization and writes it as a world file plus policy JSON
 * files; writes nothing when any part could not be read.
 */
export async function importWorld(
  env: ResolvedEnvironment,
  options: ImportOptions,
): Promise<{ files: string[]; notes: string[] }> {
  const pool = createReadClients(env, options);
  try {
    const org = await readDeployedOrganization(env, pool, options);
    // A partial reading would write a world that silently lacks what could not be read.
    if (org.errors) {
      const lines = org.errors.map((e) => `  ${e.kind} ${e.id}: ${e.operation}: ${e.name}: ${e.message}`);
      throw new UserError(
        'IMPORT_INCOMPLETE',
        `could not read all of environment "${env.name}"; nothing was written:\n${lines.join('\n')}`,
      );
    }
    const name = basename(options.out).replace(/\.ts$/, '');
    const dir = dirname(options.out);
    const worldImport = relative(dir, join(options.root, 'world')).split('\\').join('/');
    const rendered = renderWorldFile(org, env, name, worldImport.startsWith('.') ? worldImport : `./${worldImport}`);
    const files: string[] = [];
    for (const [path, text] of rendered.policies) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      files.push(file);
    }
    writeFileSync(options.out, rendered.world);
    files.push(options.out);
    return { files, notes: rendered.notes };
  } finally {
    pool.destroy();
  }
}
