import type { LocalWorld } from '../../emulator/startLocalWorld';
import { serviceArn, serviceDomain } from '../../emulator/world/arns';
import type { WorldSpec } from '../../emulator/world/types';
import { localEnvironment } from '../environments/localEnvironment';
import type { ResolvedEnvironment } from '../resolve/types';

/**
 * The built-in `local` environment for a world that is not running: the same callers and
 * services as `localEnvironment` gives for a started world, with no endpoints (nothing is sent).
 * `localEnvironment` reads only the world's spec, VPCs, services and runner key, its listeners'
 * addresses and its CA; this stands in for those (test/check pins the two environments equal).
 */
export function localCheckEnvironment(spec: WorldSpec): ResolvedEnvironment {
  const offline = {
    world: {
      spec,
      vpc(id: string) {
        const vpc = spec.vpcs.find((v) => v.id === id);
        if (!vpc) throw new Error(`world has no VPC ${id}`);
        return vpc;
      },
      services: spec.services.map((s) => ({ spec: s, domain: serviceDomain(spec.region, s.name, s.id), arn: serviceArn(spec.region, s.account, s.id) })),
      runnerKey: { accessKeyId: 'offline', secretAccessKey: 'offline' },
    },
    stsEndpoint: 'http://offline.invalid',
    dataPlane: { address: '127.0.0.1', port: 0 },
    https: { address: '127.0.0.1', port: 0 },
    caCertPem: '',
  };
  const env = localEnvironment(offline as unknown as LocalWorld);
  return { ...env, stsEndpoint: undefined, resolve: {}, credentials: { kind: 'chain' }, ca: undefined };
}
