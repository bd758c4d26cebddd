import type { WorldSpec } from '../../../world';
import { startLocalWorld, type LocalWorld } from '../../../emulator/startLocalWorld';
import { localEnvironment } from '../../../harness/environments/localEnvironment';
import { localReaders, withReaderRoles } from '../../../harness/import/withReaderRoles';
import type { ResolvedEnvironment } from '../../../harness/resolve/types';

/** A running local world with readers, and the environment that reads it through the AWS SDK as a real one is read. */
export async function startReadableWorld(spec: WorldSpec): Promise<{ local: LocalWorld; env: ResolvedEnvironment }> {
  const local = await startLocalWorld({ spec: withReaderRoles(spec) });
  const base = localEnvironment(local);
  const organizationId = spec.accounts.some((a) => a.inOrganization) ? spec.organization.id : undefined;
  return { local, env: { ...base, name: 'local-import', organizationId, readers: localReaders(spec) } };
}

/** The local world's endpoints of the services an import or a drift check reads. */
export function readEndpoints(local: LocalWorld) {
  return {
    lattice: local.controlPlaneEndpoint,
    iam: local.iamEndpoint,
    organizations: local.organizationsEndpoint,
    lambda: local.lambdaEndpoint,
  };
}
