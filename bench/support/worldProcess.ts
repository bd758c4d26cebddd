/**
 * The bench world in a process of its own (`fork`ed with `--import tsx`), as AWS is on other
 * machines: its CPU does not share the harness's event loop. Started with `<roles> <stsMs>
 * <latticeMs>`; sends its endpoints (and the runner's keys, over IPC only) once it serves, and
 * closes when the parent disconnects.
 */
import { startLocalWorld } from '../../emulator/startLocalWorld';
import type { LocalEndpoints } from '../../harness/environments/localEnvironment';
import { benchWorld } from './benchWorld';

export interface WorldProcessReady {
  endpoints: LocalEndpoints;
  adminUrl: string;
}

const [roles, stsLatencyMs, latticeLatencyMs] = process.argv.slice(2).map(Number);
const local = await startLocalWorld({
  spec: benchWorld({ roles: roles! }),
  faults: { stsLatencyMs, latticeLatencyMs },
});
const { accessKeyId, secretAccessKey } = local.world.runnerKey;
const ready: WorldProcessReady = {
  endpoints: {
    stsEndpoint: local.stsEndpoint,
    listeners: local.listeners,
    caCertPem: local.caCertPem,
    runnerKeys: { accessKeyId, secretAccessKey },
    userKeys: {},
  },
  adminUrl: local.adminUrl,
};
process.send?.(ready);
process.on('disconnect', () => void local.close().then(() => process.exit(0)));
