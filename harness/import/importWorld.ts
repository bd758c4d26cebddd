import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { UserError } from '../errors';
import type { ResolvedEnvironment } from '../resolve/types';
import { createReadClients, type ReadClientOptions } from './createReadClients';
import { readDeployedOrganization, type ReadOptions } from './readDeployedOrganization';
import { renderWorldFile } from './renderWorldFile';
import type { DeployedReadError } from './types';

export interface ImportOptions extends ReadClientOptions, ReadOptions {
  /** The world file to write (`scenarios/worlds/<name>.ts`); its policies go to `<name>/` beside it. */
  out: string;
  /** The project root, to import `defineWorld` from relative to the world file. */
  root: string;
}

/** What could not be read of the guardrails: the world is written without it. */
function guardrailNote(e: DeployedReadError): string {
  const why = `${e.operation}: ${e.name}: ${e.message}`;
  return e.kind === 'organization'
    ? `the SCPs, RCPs and OUs of organization ${e.id} could not be read (${why}): the world has none of them`
    : `the permissions boundary of role ${e.id} could not be read (${why}): the world gives the role none`;
}

/**
 * Reads the environment's deployed organization and writes it as a world file plus policy JSON
 * files; writes nothing when any part could not be read, except the guardrails (named in the notes).
 */
export async function importWorld(
  env: ResolvedEnvironment,
  options: ImportOptions,
): Promise<{ files: string[]; notes: string[] }> {
  const pool = createReadClients(env, options);
  try {
    const org = await readDeployedOrganization(env, pool, options);
    // A partial reading would write a world that silently lacks what could not be read; only the
    // guardrails (SCPs, RCPs, boundaries), which need the management account or more rights, are left
    // out with a note.
    const guardrails = (org.errors ?? []).filter((e) => e.kind === 'organization' || e.kind === 'boundary');
    const fatal = (org.errors ?? []).filter((e) => !guardrails.includes(e));
    if (fatal.length > 0) {
      const lines = fatal.map((e) => `  ${e.kind} ${e.id}: ${e.operation}: ${e.name}: ${e.message}`);
      throw new UserError(
        'IMPORT_INCOMPLETE',
        `could not read all of environment "${env.name}"; nothing was written:\n${lines.join('\n')}`,
      );
    }
    const name = basename(options.out).replace(/\.ts$/, '');
    const dir = dirname(options.out);
    const worldImport = relative(dir, join(options.root, 'world')).split('\\').join('/');
    const rendered = renderWorldFile(org, env, name, worldImport.startsWith('.') ? worldImport : `./${worldImport}`);
    const notes = [...guardrails.map(guardrailNote), ...rendered.notes];
    const files: string[] = [];
    for (const [path, text] of rendered.policies) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      files.push(file);
    }
    writeFileSync(options.out, rendered.world);
    files.push(options.out);
    return { files, notes };
  } finally {
    pool.destroy();
  }
}
