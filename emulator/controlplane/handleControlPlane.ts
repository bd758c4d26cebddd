import type { Answer, IncomingCall } from '../http/types';
import { safeDecode } from '../../world/readServedTarget';
import type { World } from '../world/World';
import {
  deleteServiceNetworkServiceAssociation,
  deleteServiceNetworkVpcAssociation,
  findServiceAssociation,
  findVpcAssociation,
  listServiceNetworkServiceAssociations,
  listServiceNetworkVpcAssociations,
  type ListContext,
} from './associationOperations';
import { deleteAuthPolicy, getAuthPolicy, putAuthPolicy, type AuthPolicyOptions } from './authPolicyOperations';
import { authorizeControlPlane, visibleAccount } from './authorizeControlPlane';
import { getListener, listListeners } from './listenerOperations';
import { queryOf } from './pageItems';
import { resolveResource, type IdentifierKind, type LatticeResource } from './resolveResource';
import { ControlPlaneError, controlPlaneErrorAnswer } from './restJson';
import {
  getService,
  getServiceNetwork,
  listServiceNetworks,
  listServices,
  updateService,
  updateServiceNetwork,
} from './serviceOperations';
import { listTagsForResource } from './tagOperations';
import { verifyControlPlaneCaller } from './verifyControlPlaneCaller';

export type ControlPlaneOptions = AuthPolicyOptions;

/** What an operation runs with: the resource its path names, the other path labels, the caller's view. */
interface OperationContext extends ListContext {
  resource?: LatticeResource;
  labels: string[];
  call: IncomingCall;
  world: World;
  options: ControlPlaneOptions;
}

interface Route {
  operation: string;
  method: string;
  /** The path; its first `(label)` group is the resource identifier when the operation has one. */
  path: RegExp;
  identifier?: { member: string; kind: IdentifierKind };
  /** The ARN the caller must be allowed on, when it is not the identified resource's (default `*`). */
  authorizeOn?(ctx: OperationContext): string;
  run(ctx: OperationContext): Answer;
}

const service = (r: LatticeResource | undefined) => (r as Extract<LatticeResource, { kind: 'service' }>).service;
const network = (r: LatticeResource | undefined) => (r as Extract<LatticeResource, { kind: 'network' }>).network;
const LABEL = '([^/]+)';
const AUTH_POLICY = { member: 'resourceIdentifier', kind: 'service-or-network' } as const;
const SERVICE = { member: 'serviceIdentifier', kind: 'service' } as const;
const NETWORK = { member: 'serviceNetworkIdentifier', kind: 'network' } as const;

/** The operations of the VPC Lattice API the local world answers, with the paths of the service model. */
const ROUTES: Route[] = [
  {
    operation: 'GetAuthPolicy',
    method: 'GET',
    path: new RegExp(`^/authpolicy/${LABEL}$`),
    identifier: AUTH_POLICY,
    run: (c) => getAuthPolicy(c.resource!, c.world),
  },
  {
    operation: 'PutAuthPolicy',
    method: 'PUT',
    path: new RegExp(`^/authpolicy/${LABEL}$`),
    identifier: AUTH_POLICY,
    run: (c) => putAuthPolicy(c.resource!, c.call.body, c.world),
  },
  {
    operation: 'DeleteAuthPolicy',
    method: 'DELETE',
    path: new RegExp(`^/authpolicy/${LABEL}$`),
    identifier: AUTH_POLICY,
    run: (c) => deleteAuthPolicy(c.resource!, c.world, c.options),
  },
  {
    operation: 'ListListeners',
    method: 'GET',
    path: new RegExp(`^/services/${LABEL}/listeners/?$`),
    identifier: SERVICE,
    run: (c) => listListeners(service(c.resource), c.world, c),
  },
  {
    operation: 'GetListener',
    method: 'GET',
    path: new RegExp(`^/services/${LABEL}/listeners/${LABEL}$`),
    identifier: SERVICE,
    run: (c) => getListener(service(c.resource), c.labels[1]!, c.world),
  },
  {
    operation: 'GetService',
    method: 'GET',
    path: new RegExp(`^/services/${LABEL}$`),
    identifier: SERVICE,
    run: (c) => getService(service(c.resource), c.world),
  },
  {
    operation: 'UpdateService',
    method: 'PATCH',
    path: new RegExp(`^/services/${LABEL}$`),
    identifier: SERVICE,
    run: (c) => updateService(service(c.resource), c.call.body, c.world),
  },
  {
    operation: 'GetServiceNetwork',
    method: 'GET',
    path: new RegExp(`^/servicenetworks/${LABEL}$`),
    identifier: NETWORK,
    run: (c) => getServiceNetwork(network(c.resource), c.world),
  },
  {
    operation: 'UpdateServiceNetwork',
    method: 'PATCH',
    path: new RegExp(`^/servicenetworks/${LABEL}$`),
    identifier: NETWORK,
    run: (c) => updateServiceNetwork(network(c.resource), c.call.body, c.world),
  },
  { operation: 'ListServices', method: 'GET', path: /^\/services\/?$/, run: (c) => listServices(c.world, c) },
  {
    operation: 'ListServiceNetworks',
    method: 'GET',
    path: /^\/servicenetworks\/?$/,
    run: (c) => listServiceNetworks(c.world, c),
  },
  {
    operation: 'ListServiceNetworkServiceAssociations',
    method: 'GET',
    path: /^\/servicenetworkserviceassociations\/?$/,
    run: (c) => listServiceNetworkServiceAssociations(c.world, c),
  },
  {
    operation: 'ListServiceNetworkVpcAssociations',
    method: 'GET',
    path: /^\/servicenetworkvpcassociations\/?$/,
    run: (c) => listServiceNetworkVpcAssociations(c.world, c),
  },
  {
    operation: 'DeleteServiceNetworkVpcAssociation',
    method: 'DELETE',
    path: new RegExp(`^/servicenetworkvpcassociations/${LABEL}$`),
    authorizeOn: (c) => findVpcAssociation(c.labels[0]!, c.world).arn,
    run: (c) => deleteServiceNetworkVpcAssociation(c.labels[0]!, c.world),
  },
  {
    operation: 'DeleteServiceNetworkServiceAssociation',
    method: 'DELETE',
    path: new RegExp(`^/servicenetworkserviceassociations/${LABEL}$`),
    authorizeOn: (c) => findServiceAssociation(c.labels[0]!, c.world).arn,
    run: (c) => deleteServiceNetworkServiceAssociation(c.labels[0]!, c.world),
  },
  {
    operation: 'ListTagsForResource',
    method: 'GET',
    path: new RegExp(`^/tags/${LABEL}$`),
    authorizeOn: (c) => c.labels[0]!,
    run: (c) => listTagsForResource(c.labels[0]!, c.world),
  },
];

function findRoute(call: IncomingCall): { route: Route; labels: string[] } {
  const q = call.target.indexOf('?');
  const path = q === -1 ? call.target : call.target.slice(0, q);
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match && route.method === call.method) return { route, labels: match.slice(1).map((l) => safeDecode(l)) };
  }
  throw ControlPlaneError.validation(
    `No operation matches ${call.method} ${path.length > 128 ? `${path.slice(0, 128)}...` : path}`,
    'unknownOperation',
  );
}

/**
 * The local VPC Lattice control plane, restJson1 as `@aws-sdk/client-vpc-lattice` speaks it:
 * authenticate (SigV4, signing name `vpc-lattice`), find the operation, resolve the resource,
 * authorize, run. Every refusal is an AWS-shaped error; nothing a client sends makes it throw.
 */
export function handleControlPlane(call: IncomingCall, world: World, options: ControlPlaneOptions): Answer {
  try {
    const key = verifyControlPlaneCaller(call, world);
    const { route, labels } = findRoute(call);
    world.stats.controlPlane.set(route.operation, (world.stats.controlPlane.get(route.operation) ?? 0) + 1);
    const resource = route.identifier
      ? resolveResource(labels[0] ?? '', route.identifier.member, route.identifier.kind, world)
      : undefined;
    const ctx: OperationContext = {
      resource,
      labels,
      call,
      world,
      options,
      query: queryOf(call.target),
      account: visibleAccount(key, world),
    };
    authorizeControlPlane(
      key,
      route.operation,
      route.authorizeOn ? route.authorizeOn(ctx) : (resource?.arn ?? '*'),
      world,
    );
    return route.run(ctx);
  } catch (error) {
    if (error instanceof ControlPlaneError) return controlPlaneErrorAnswer(error);
    throw error;
  }
}
