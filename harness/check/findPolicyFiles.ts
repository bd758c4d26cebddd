import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldSpec } from '../../world';
import type { PolicyFiles } from './predictCall';

/** The demo world's policies-as-code folder. */
export const POLICIES_DIR = fileURLToPath(new URL('../../scenarios/worlds/demo/', import.meta.url));

/** A JSON value with object keys sorted, so two documents compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Which file of `dir` each policy of the world came from, matched by content: every auth,
 * identity and trust policy of the spec equal to one of the `*.json` files there. Files that do
 * not parse as JSON are skipped (the world could not have read them).
 */
export function findPolicyFiles(spec: WorldSpec, dir = POLICIES_DIR): PolicyFiles {
  const byContent = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  for (const name of names) {
    try {
      byContent.set(canonical(JSON.parse(readFileSync(join(dir, name), 'utf8'))), join(dir, name));
    } catch {
      // Not JSON: no policy of the world can have come from it.
    }
  }
  const policies: unknown[] = [
    ...spec.serviceNetworks.map((n) => n.policy),
    ...spec.services.map((s) => s.policy),
    ...spec.roles.flatMap((r) => [r.trustPolicy, ...r.identityPolicies]),
    spec.runner.identityPolicy,
  ];
  const files = new Map<unknown, string>();
  for (const policy of policies) {
    if (policy === undefined || policy === null || typeof policy !== 'object') continue;
    const file = byContent.get(canonical(policy));
    if (file) files.set(policy, file);
  }
  return files;
}
