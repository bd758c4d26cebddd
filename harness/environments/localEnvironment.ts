import type { LocalWorld } from '../../emulator/startLocalWorld';
import { SEED } from '../../emulator/world/seedWorld';
import type { ResolvedCaller, ResolvedEnvironment } from '../resolve/types';

/** Callers of the local world, by the names scenarios use: role (account/name) and the VPC they call from. */
const LOCAL_CALLERS: { name: string; role?: { account: string; name: string; externalId?: boolean }; vpc: string }[] = [
  { name: 'consumer-b', role: { account: SEED.accounts.consumerB, name: 'lattice-invoker' }, vpc: 'vpc-0b0b0b0b0b0b0b0b0' },
  { name: 'outsider-c', role: { account: SEED.accounts.outsiderC, name: 'lattice-invoker', externalId: true }, vpc: 'vpc-0c0c0c0c0c0c0c0c0' },
  { name: 'consumer-b-no-invoke', role: { account: SEED.accounts.consumerB, name: 'lattice-no-invoke' }, vpc: 'vpc-0b0b0b0b0b0b0b0b0' },
  { name: 'consumer-b-isolated-vpc', role: { account: SEED.accounts.consumerB, name: 'lattice-invoker' }, vpc: 'vpc-0d0d0d0d0d0d0d0d0' },
  { name: 'anonymous', vpc: 'vpc-0b0b0b0b0b0b0b0b0' },
];

/** The built-in `local` environment: the embedded world's callers and services, needing no configuration. */
export function localEnvironment(local: LocalWorld): ResolvedEnvironment {
  const { world } = local;
  const callers: Record<string, ResolvedCaller> = {};
  for (const c of LOCAL_CALLERS) {
    const localAddress = world.vpc(c.vpc).address;
    callers[c.name] = c.role
      ? {
          kind: 'role',
          name: c.name,
          roleArn: `arn:aws:iam::${c.role.account}:role/${c.role.name}`,
          externalId: c.role.externalId ? SEED.externalIdC : undefined,
          sessionName: `lattice-e2e-${c.name}`,
          durationSeconds: 3600,
          sessionTags: {},
          localAddress,
          signing: 'sigv4',
        }
      : { kind: 'anonymous', name: c.name, localAddress };
  }
  const services: ResolvedEnvironment['services'] = {};
  const resolve: ResolvedEnvironment['resolve'] = {};
  for (const s of world.services) {
    // HTTPS, as Lattice is normally used: the local world's CA is trusted through `ca`.
    services[s.spec.name] = { name: s.spec.name, url: new URL(`https://${s.domain}/`), arn: s.arn };
    resolve[s.domain] = { ...local.https };
  }
  return {
    name: 'local',
    region: world.spec.region,
    organizationId: world.spec.organization.id,
    callers,
    services,
    credentials: { kind: 'static', keys: { accessKeyId: world.runnerKey.accessKeyId, secretAccessKey: world.runnerKey.secretAccessKey } },
    stsEndpoint: local.stsEndpoint,
    resolve,
    timeoutMs: 5_000,
    ca: local.caCertPem,
  };
}
