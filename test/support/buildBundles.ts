import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { projectRoot } from './paths';

/** Vitest's global setup: the bundled commands (dist/) the CLI tests run, rebuilt once if a source is newer. */
export default async function buildBundles(): Promise<void> {
  const { buildIfStale } = await import(pathToFileURL(join(projectRoot, 'scripts', 'build.mjs')).href);
  await buildIfStale();
}
