// Bundles each command (scripts/*.ts) into dist/<name>.js with esbuild, so that a command starts
// without compiling TypeScript: `node scripts/build.mjs` (npm ci runs it as `prepare`). Scenario,
// environment and world files stay TypeScript; a bundle loads them through tsx when it imports one.
// `buildIfStale()` rebuilds only when a source file is newer than the bundles (scripts/run.mjs).
import { readdirSync, statSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const SOURCES = ['scripts', 'harness', 'emulator', 'world', 'policy', 'relay'];
/** The relay's Lambda bundle (relay/index.ts): one self-contained ESM file, the Lambda runtime has no node_modules. */
export const RELAY_BUNDLE = join(DIST, 'relay', 'index.mjs');
const STAMP = join(DIST, '.built');

/** The commands: scripts/<name>.ts. */
export const commands = () =>
  readdirSync(join(ROOT, 'scripts'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));

function newestSource(dir = ROOT, folders = SOURCES) {
  let newest = statSync(join(ROOT, 'package-lock.json')).mtimeMs;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(ts|mjs|json)$/.test(e.name)) newest = Math.max(newest, statSync(join(d, e.name)).mtimeMs);
    }
  };
  for (const f of folders) walk(join(dir, f));
  return newest;
}

/**
 * Source files find files beside them through `import.meta.url` (the demo world, the policies): in a
 * bundle that would be dist/, so each file's `import.meta.url` and `import.meta.dirname` become its
 * own location, relative to the bundle (the checkout can move).
 */
const keepOwnLocation = {
  name: 'keep-own-location',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url') && !source.includes('import.meta.dirname'))
        return { contents: source, loader: 'ts' };
      const fromDist = relative(DIST, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      const dirnameOf = `decodeURIComponent(new URL('.', ${url}).pathname).replace(/\\/$/, '')`;
      const contents = source.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', dirnameOf);
      return { contents, loader: 'ts' };
    });
  },
};

/** A chunk no build wrote for this long is no longer loaded by a command still running from an older build. */
const STALE_CHUNK_MS = 10 * 60_000;

/**
 * Deletes the chunks of earlier builds (their names carry a content hash, so each rebuild adds new ones): those
 * the last build did not write and that are older than `STALE_CHUNK_MS`.
 */
function removeStaleChunks(outputs) {
  const written = new Set(Object.keys(outputs).map((file) => resolve(ROOT, file)));
  const before = Date.now() - STALE_CHUNK_MS;
  for (const name of readdirSync(DIST)) {
    const file = join(DIST, name);
    if (!name.endsWith('.js') || written.has(file)) continue;
    if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
  }
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const { metafile } = await esbuild({
    metafile: true,
    // Output paths in the metafile are relative to this.
    absWorkingDir: ROOT,
    entryPoints: commands().map((name) => join(ROOT, 'scripts', `${name}.ts`)),
    outdir: DIST,
    bundle: true,
    splitting: true,
    // Chunks beside the entries: every output's location relative to the sources is the same (see keepOwnLocation).
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // tsx loads the user's TypeScript files; esbuild is tsx's own.
    external: ['tsx', 'tsx/*', 'esbuild'],
    plugins: [keepOwnLocation],
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        'const require = __createRequire(import.meta.url);',
        'globalThis.__latticeE2eBundle = true;',
      ].join(' '),
    },
  });
  await esbuild({
    entryPoints: [join(ROOT, 'relay', 'index.ts')],
    outfile: RELAY_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  removeStaleChunks(metafile.outputs);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Rebuilds when a source file changed since the last build (a checkout keeps working as it is edited). */
export async function buildIfStale() {
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource()) return false;
  await build();
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  await build();
  console.log(
    `built ${commands()
      .map((c) => `dist/${c}.js`)
      .join(', ')}, dist/relay/index.mjs in ${Date.now() - started} ms`,
  );
}
