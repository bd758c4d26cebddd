import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One AWS SDK operation the code sends: `new XCommand(` or `paginateX(`, with the client package it comes from. */
export interface SdkCall {
  /** e.g. '@aws-sdk/client-vpc-lattice' */
  client: string;
  /** The operation, e.g. 'GetAuthPolicy' (a paginator sends its list operation). */
  operation: string;
  /** Project-relative files that send it. */
  files: string[];
}

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
const SDK_IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/client-[a-z0-9-]+)['"]/g;
const SDK_DYNAMIC_IMPORT = /\bimport\s*\(\s*['"](@aws-sdk\/client-[a-z0-9-]+)['"]\s*\)/g;

function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, base.replace(/\.m?js$/, '.ts'), join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c));
}

/** Every project TypeScript file reached from the entries by relative imports (static and dynamic, types too). */
export function reachableFiles(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveModule(file, m[1]!);
      if (target === undefined) throw new Error(`${file}: cannot resolve import ${m[1]}`);
      queue.push(target);
    }
  }
  return [...seen].sort();
}

/**
 * The SDK operations sent by these files: each name imported from an `@aws-sdk/client-*` package
 * that the file then uses as `new <Name>Command(` or `<paginateName>(`, or taken from the one client
 * package the file loads with `import('@aws-sdk/client-*')`. A command of no known package (e.g.
 * re-exported by a project file, or a file loading two clients) throws: the scan would miss it.
 */
export function scanSdkCalls(files: string[], root: string): SdkCall[] {
  const found = new Map<string, SdkCall>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const origin = new Map<string, string>();
    for (const m of text.matchAll(SDK_IMPORT))
      for (const part of m[1]!.split(',')) {
        const name = part.replace(/^\s*type\s+/, '').trim();
        if (name) origin.set(name.split(/\s+as\s+/).pop()!, m[2]!);
      }
    const dynamic = [...new Set([...text.matchAll(SDK_DYNAMIC_IMPORT)].map((m) => m[1]!))];
    const uses = [
      ...[...text.matchAll(/\bnew\s+(\w+)Command\s*\(/g)].map((m) => ({ local: `${m[1]}Command`, operation: m[1]! })),
      ...[...text.matchAll(/\bpaginate(\w+)\s*\(/g)].map((m) => ({ local: `paginate${m[1]}`, operation: m[1]! })),
    ];
    for (const { local, operation } of uses) {
      const client = origin.get(local) ?? (dynamic.length === 1 ? dynamic[0] : undefined);
      if (client === undefined) throw new Error(`${relative(root, file)}: ${local} is not imported from an SDK client`);
      const key = `${client} ${operation}`;
      const call = found.get(key) ?? { client, operation, files: [] };
      if (!call.files.includes(relative(root, file))) call.files.push(relative(root, file));
      found.set(key, call);
    }
  }
  return [...found.values()].sort((a, b) => `${a.client} ${a.operation}`.localeCompare(`${b.client} ${b.operation}`));
}
