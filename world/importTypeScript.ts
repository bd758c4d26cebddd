import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where compiled user files go: beside the bundles, inside the project, so their package imports resolve. */
const CACHE_DIR = resolve(fileURLToPath(new URL('../dist/.cache/', import.meta.url)));
/** esbuild names inputs relative to its working directory: the file system's root, here. */
const CACHE_ROOT = resolve('/');

// Spelt in two parts, so that the bundler's own rewriting of these expressions leaves the strings alone.
const META_URL = ['import', 'meta', 'url'].join('.');
const META_DIRNAME = ['import', 'meta', 'dirname'].join('.');

/**
 * Imports a user's file (a scenario, environment or world). Run from source, tsx already compiles
 * TypeScript. A bundled command (dist/, see scripts/build.mjs) compiles a `.ts` file with esbuild
 * (the file and the project files it imports; packages stay imports) into a module under
 * dist/.cache and imports that: much cheaper than starting tsx's loader, and paid only by
 * a command that loads such a file, and reused while none of the files that went into it changed.
 * `import.meta.url` and `import.meta.dirname` keep their values.
 */
export async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const bundled = (globalThis as { __latticeE2eBundle?: boolean }).__latticeE2eBundle === true;
  if (!bundled || !file.endsWith('.ts')) return import(pathToFileURL(file).href);
  const cached = await compiledBefore(file);
  if (cached) return import(pathToFileURL(cached).href);
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
    metafile: true,
    absWorkingDir: CACHE_ROOT,
    plugins: [
      {
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
      },
    ],
  });
  const code = result.outputFiles[0].text;
  const out = join(CACHE_DIR, `${createHash('sha256').update(file).update(code).digest('hex').slice(0, 24)}.mjs`);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeAtomically(out, code);
  // Which files went into it, and when each was last changed: a later run reuses it if none changed.
  const inputs: Record<string, number> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(CACHE_ROOT, input);
    inputs[path] = (await stat(path)).mtimeMs;
  }
  await writeAtomically(indexFile(file), JSON.stringify({ out, inputs }));
  return import(pathToFileURL(out).href);
}

/** The record of the last compilation of `file`. */
const indexFile = (file: string) =>
  join(CACHE_DIR, `${createHash('sha256').update(file).digest('hex').slice(0, 24)}.json`);

/** The module compiled from `file` before, if it and every file it imported are unchanged since. */
async function compiledBefore(file: string): Promise<string | undefined> {
  try {
    const { out, inputs } = JSON.parse(await readFile(indexFile(file), 'utf8')) as {
      out: string;
      inputs: Record<string, number>;
    };
    for (const [path, mtimeMs] of Object.entries(inputs)) if ((await stat(path)).mtimeMs !== mtimeMs) return undefined;
    await stat(out);
    return out;
  } catch {
    // No record, a file gone, a record unreadable: compile again.
    return undefined;
  }
}

/** Commands run side by side (CI jobs, shards) may compile the same file: none may read another's half-written one. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}
