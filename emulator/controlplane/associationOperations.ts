import type { Answer } from '../http/types';
import type { World } from '../world/World';
import { serviceAssociations, vpcAssociations } from './latticeIds';
import { pageItems } from './pageItems';
import { resolveResource } from './resolveResource';
import { ControlPlaneError, dateTime, jsonAnswer } from './restJson';

/** What a List operation sees: its query, and the account whose resources the caller may list (undefined: all). */
export interface ListContext {
  query: URLSearchParams;
  account: string | undefined;
}

function requireOneOf(query: URLSearchParams, members: string[]): void {
  if (members.some((m) => query.get(m))) return;
  throw ControlPlaneError.validation(
    `Either ${members.join(' or ')} must be specified`,
    'fieldValidationFailed',
    members.map((name) => ({ name, message: 'Member must be specified' })),
  );
}

/** ListServiceNetworkServiceAssociations: by service network or by service (one of them is required). */
export function listServiceNetworkServiceAssociations(world: World, ctx: ListContext): Answer {
  const { query } = ctx;
  requireOneOf(query, ['serviceNetworkIdentifier', 'serviceIdentifier']);
  const network = query.get('serviceNetworkIdentifier')
    ? resolveResource(query.get('serviceNetworkIdentifier')!, 'serviceNetworkIdentifier', 'network', world)
    : undefined;
  const service = query.get('serviceIdentifier')
    ? resolveResource(query.get('serviceIdentifier')!, 'serviceIdentifier', 'service', world)
    : undefined;
  const all = serviceAssociations(world).filter(
    (a) =>
      (!network || a.network.arn === network.arn) &&
      (!service || a.service.arn === service.arn) &&
      (ctx.account === undefined || a.network.spec.account === ctx.account || a.service.spec.account === ctx.account),
  );
  const page = pageItems(all, query, 'ListServiceNetworkServiceAssociations');
  return jsonAnswer(200, {
    items: page.items.map((a) => ({
      id: a.id,
      arn: a.arn,
      status: 'ACTIVE',
      createdBy: a.network.spec.account,
      createdAt: dateTime(world.createdAt),
      serviceId: a.service.spec.id,
      serviceName: a.service.spec.name,
      serviceArn: a.service.arn,
      serviceNetworkId: a.network.spec.id,
      serviceNetworkName: a.network.spec.name,
      serviceNetworkArn: a.network.arn,
      dnsEntry: { domainName: a.service.domain, hostedZoneId: 'Z07497003L1FBSXSGT6QZ' },
      ...(a.service.spec.customDomainName && { customDomainName: a.service.spec.customDomainName }),
    })),
    ...(page.nextToken && { nextToken: page.nextToken }),
  });
}

/** ListServiceNetworkVpcAssociations: by service network or by VPC (one of them is required). */
export function listServiceNetworkVpcAssociations(world: World, ctx: ListContext): Answer {
  const { query } = ctx;
  requireOneOf(query, ['serviceNetworkIdentifier', 'vpcIdentifier']);
  const network = query.get('serviceNetworkIdentifier')
    ? resolveResource(query.get('serviceNetworkIdentifier')!, 'serviceNetworkIdentifier', 'network', world)
    : undefined;
  const vpcId = query.get('vpcIdentifier') ?? undefined;
  const all = vpcAssociations(world).filter(
    (a) =>
      (!network || a.network.arn === network.arn) &&
      (vpcId === undefined || a.vpcId === vpcId) &&
      (ctx.account === undefined || a.network.spec.account === ctx.account || a.createdBy === ctx.account),
  );
  const page = pageItems(all, query, 'ListServiceNetworkVpcAssociations');
  return jsonAnswer(200, {
    items: page.items.map((a) => ({
      id: a.id,
      arn: a.arn,
      status: 'ACTIVE',
      createdBy: a.createdBy,
      createdAt: dateTime(world.createdAt),
      lastUpdatedAt: dateTime(world.createdAt),
      serviceNetworkId: a.network.spec.id,
      serviceNetworkName: a.network.spec.name,
      serviceNetworkArn: a.network.arn,
      vpcId: a.vpcId,
    })),
    ...(page.nextToken && { nextToken: page.nextToken }),
  });
}

/** An association by ID or ARN, or ResourceNotFoundException naming its kind. */
function findAssociation<A extends { id: string; arn: string }>(
  associations: A[],
  identifier: string,
  resourceType: string,
  what: string,
): A {
  const association = associations.find((a) => a.id === identifier || a.arn === identifier);
  if (!association) {
    throw ControlPlaneError.notFound(identifier, resourceType, `${what} '${identifier.slice(0, 128)}' was not found`);
  }
  return association;
}

/** Finds a VPC association by ID or ARN. */
export function findVpcAssociation(identifier: string, world: World) {
  const kind = 'SERVICE_NETWORK_VPC_ASSOCIATION';
  return findAssociation(vpcAssociations(world), identifier, kind, 'Service network VPC association');
}

/** DeleteServiceNetworkVpcAssociation: the VPC no longer reaches the network (at once, in the local world). */
export function deleteServiceNetworkVpcAssociation(identifier: string, world: World): Answer {
  const association = findVpcAssociation(identifier, world);
  const list = association.network.spec.vpcAssociations;
  list.splice(list.indexOf(association.vpcId), 1);
  return jsonAnswer(200, { id: association.id, arn: association.arn, status: 'DELETE_IN_PROGRESS' });
}

/** Finds a service association by ID or ARN. */
export function findServiceAssociation(identifier: string, world: World) {
  const kind = 'SERVICE_NETWORK_SERVICE_ASSOCIATION';
  return findAssociation(serviceAssociations(world), identifier, kind, 'Service network service association');
}

/** DeleteServiceNetworkServiceAssociation: the network no longer holds the service. */
export function deleteServiceNetworkServiceAssociation(identifier: string, world: World): Answer {
  const association = findServiceAssociation(identifier, world);
  const list = association.service.spec.serviceNetworks;
  list.splice(list.indexOf(association.network.spec.id), 1);
  return jsonAnswer(200, { id: association.id, arn: association.arn, status: 'DELETE_IN_PROGRESS' });
}
