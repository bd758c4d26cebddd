import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where compiled user files go: under the project's node_modules, so their package imports resolve. */
const CACHE_DIR = resolve(fileURLToPath(new URL('../node_modules/.cache/lattice-e2e/', import.meta.url)));

// Spelt in two parts, so that the bundler's own rewriting of these expressions leaves the strings alone.
const META_URL = ['import', 'meta', 'url'].join('.');
const META_DIRNAME = ['import', 'meta', 'dirname'].join('.');

/**
 * Imports a user's file (a scenario, environment or world). Run from source, tsx already compiles
 * TypeScript. A bundled command (dist/, see scripts/build.mjs) compiles a `.ts` file with esbuild
 * (the file and the project files it imports; packages stay imports) into a module under
 * node_modules/.cache and imports that: much cheaper than starting tsx's loader, and paid only by
 * a command that loads such a file. `import.meta.url` and `import.meta.dirname` keep their values.
 */
export async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const bundled = (globalThis as { __latticeE2eBundle?: boolean }).__latticeE2eBundle === true;
  if (!bundled || !file.endsWith('.ts')) return import(pathToFileURL(file).href);
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    plugins: [{
      name: 'own-location',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          const contents = source
            .replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll(META_DIRNAME, JSON.stringify(dirname(args.path)));
          return { contents, loader: 'ts' };
        });
      },
    }],
  });
  const code = result.outputFiles[0].text;
  const out = join(CACHE_DIR, `${createHash('sha256').update(file).update(code).digest('hex').slice(0, 24)}.mjs`);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(out, code);
  return import(pathToFileURL(out).href);
}
