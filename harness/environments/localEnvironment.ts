import type { LocalWorld } from '../../emulator/startLocalWorld';
import { serviceArn, serviceDomain } from '../../emulator/world/arns';
import { SEED } from '../../emulator/world/seedWorld';
import type { WorldSpec } from '../../emulator/world/types';
import type { ResolvedCaller, ResolvedEnvironment, StaticKeys } from '../resolve/types';

/** Callers of the local world, by the names scenarios use: role (account/name) and the VPC they call from. */
const LOCAL_CALLERS: { name: string; role?: { account: string; name: string; externalId?: boolean }; vpc: string }[] = [
  { name: 'consumer-b', role: { account: SEED.accounts.consumerB, name: 'lattice-invoker' }, vpc: 'vpc-0b0b0b0b0b0b0b0b0' },
  { name: 'outsider-c', role: { account: SEED.accounts.outsiderC, name: 'lattice-invoker', externalId: true }, vpc: 'vpc-0c0c0c0c0c0c0c0c0' },
  { name: 'consumer-b-no-invoke', role: { account: SEED.accounts.consumerB, name: 'lattice-no-invoke' }, vpc: 'vpc-0b0b0b0b0b0b0b0b0' },
  { name: 'consumer-b-isolated-vpc', role: { account: SEED.accounts.consumerB, name: 'lattice-invoker' }, vpc: 'vpc-0d0d0d0d0d0d0d0d0' },
  // The out-of-org role calling from a VPC of the organization (the tooling account's, where a runner sits).
  { name: 'outsider-c-in-org-vpc', role: { account: SEED.accounts.outsiderC, name: 'lattice-invoker', externalId: true }, vpc: 'vpc-0707070707070707a' },
  { name: 'anonymous', vpc: 'vpc-0b0b0b0b0b0b0b0b0' },
];

/** Where a running local world answers; absent for an offline environment (nothing is sent). */
export interface LocalEndpoints {
  stsEndpoint: string;
  https: { address: string; port: number };
  caCertPem: string;
  runnerKeys: StaticKeys;
}

/** The `local` environment's callers and services for a world spec, connected to `endpoints` when given. */
export function localEnvironmentFromSpec(spec: WorldSpec, endpoints?: LocalEndpoints): ResolvedEnvironment {
  const callers: Record<string, ResolvedCaller> = {};
  for (const c of LOCAL_CALLERS) {
    const localAddress = spec.vpcs.find((v) => v.id === c.vpc)?.address;
    if (!localAddress) throw new Error(`the local world has no VPC ${c.vpc} for caller ${c.name}`);
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
  for (const s of spec.services) {
    const domain = serviceDomain(spec.region, s.name, s.id);
    // HTTPS, as Lattice is normally used: the local world's CA is trusted through `ca`.
    services[s.name] = { name: s.name, url: new URL(`https://${domain}/`), arn: serviceArn(spec.region, s.account, s.id) };
    if (endpoints) resolve[domain] = { ...endpoints.https };
  }
  return {
    name: 'local',
    region: spec.region,
    organizationId: spec.organization.id,
    callers,
    services,
    credentials: endpoints ? { kind: 'static', keys: endpoints.runnerKeys } : { kind: 'chain' },
    stsEndpoint: endpoints?.stsEndpoint,
    resolve,
    timeoutMs: 5_000,
    ca: endpoints?.caCertPem,
  };
}

/** The built-in `local` environment: the embedded world's callers and services, needing no configuration. */
export function localEnvironment(local: LocalWorld): ResolvedEnvironment {
  const { accessKeyId, secretAccessKey } = local.world.runnerKey;
  return localEnvironmentFromSpec(local.world.spec, {
    stsEndpoint: local.stsEndpoint,
    https: local.https,
    caCertPem: local.caCertPem,
    runnerKeys: { accessKeyId, secretAccessKey },
  });
}
