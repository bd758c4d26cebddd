import type { WorldSpec } from '../../../world';
import { createReadClients, type ReadClientOptions } from '../../import/createReadClients';
import { deployedViewOfWorld } from '../../import/deployedViewOfWorld';
import { callerRoleArns, readDeployedOrganization } from '../../import/readDeployedOrganization';
import type { ResolvedEnvironment } from '../../resolve/types';
import { compareOrganizations, type DriftEntry, type DriftStatus } from './compareOrganizations';

export interface OrganizationDrift {
  entries: DriftEntry[];
  summary: { total: number } & Record<DriftStatus, number>;
}

/** Tallies drift entries by status. */
export function summarizeDrift(entries: DriftEntry[]): OrganizationDrift {
  const summary = { total: entries.length, same: 0, differs: 0, missing: 0, extra: 0, error: 0 } satisfies {
    total: number;
  } & Record<DriftStatus, number>;
  for (const e of entries) summary[e.status] += 1;
  return { entries, summary };
}

/**
 * The whole world as code against what the environment has deployed: reads the organization as
 * the environment's readers (read-only) and compares it resource by resource.
 */
export async function checkDeployedOrganization(
  env: ResolvedEnvironment,
  world: WorldSpec,
  options: ReadClientOptions = {},
): Promise<OrganizationDrift> {
  const pool = createReadClients(env, options);
  try {
    // The world's relays are read too: one the world names but AWS lacks is then `missing`.
    const deployed = await readDeployedOrganization(env, pool, { relayArns: (world.relays ?? []).map((r) => r.arn) });
    const code = deployedViewOfWorld(world, callerRoleArns(env), Object.keys(env.readers ?? {}));
    return summarizeDrift(compareOrganizations(code, deployed));
  } finally {
    pool.destroy();
  }
}
