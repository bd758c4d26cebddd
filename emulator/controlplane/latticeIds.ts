import { createHash } from 'node:crypto';
import { listenersOf, type ListenerSpec } from '../../world';
import type { ResolvedNetwork, ResolvedService, World } from '../world/World';

const hex17 = (...parts: string[]) => createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 17);

/** A service network's association with a service, as the control plane lists it. */
export interface ServiceAssociation {
  id: string;
  arn: string;
  network: ResolvedNetwork;
  service: ResolvedService;
}

/** A service network's association with a VPC. */
export interface VpcAssociation {
  id: string;
  arn: string;
  network: ResolvedNetwork;
  vpcId: string;
  /** The account that made the association: the VPC's owner. */
  createdBy: string;
}

export interface Listener {
  id: string;
  arn: string;
  name: string;
  service: ResolvedService;
  spec: ListenerSpec;
}

/** Every service association of the world, in the world's order (stable IDs derived from both ends). */
export function serviceAssociations(world: World): ServiceAssociation[] {
  return world.networks.flatMap((network) =>
    world.services
      .filter((s) => s.spec.serviceNetworks.includes(network.spec.id))
      .map((service) => {
        const id = `snsa-${hex17(network.spec.id, service.spec.id)}`;
        return {
          id,
          arn: `${network.arn.replace(/:servicenetwork\/.*$/, '')}:servicenetworkserviceassociation/${id}`,
          network,
          service,
        };
      }),
  );
}

/** Every VPC association of the world, in the world's order. */
export function vpcAssociations(world: World): VpcAssociation[] {
  return world.networks.flatMap((network) =>
    network.spec.vpcAssociations.map((vpcId) => {
      const id = `snva-${hex17(network.spec.id, vpcId)}`;
      const createdBy = world.spec.vpcs.find((v) => v.id === vpcId)?.account ?? network.spec.account;
      return {
        id,
        arn: `${network.arn.replace(/:servicenetwork\/.*$/, '')}:servicenetworkvpcassociation/${id}`,
        network,
        vpcId,
        createdBy,
      };
    }),
  );
}

/** A service's listeners, named `<protocol>-<port>` as the console names them. */
export function listenersOfService(service: ResolvedService): Listener[] {
  return listenersOf(service.spec).map((spec) => {
    const id = `listener-${hex17(service.spec.id, String(spec.port))}`;
    return {
      id,
      arn: `${service.arn}/listener/${id}`,
      name: `${spec.protocol.toLowerCase()}-${spec.port}`,
      service,
      spec,
    };
  });
}
