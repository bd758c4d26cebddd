import type { Answer, IncomingCall } from '../http/types';
import { safeDecode } from '../../world/readServedTarget';
import type { World } from '../world/World';
import { deleteAuthPolicy, getAuthPolicy, putAuthPolicy, type AuthPolicyOptions } from './authPolicyOperations';
import { authorizeControlPlane } from './authorizeControlPlane';
import { resolveResource, type IdentifierKind, type LatticeResource } from './resolveResource';
import { ControlPlaneError, controlPlaneErrorAnswer } from './restJson';
import { getService, getServiceNetwork, listServiceNetworks, listServices, updateService, updateServiceNetwork } from './serviceOperations';
import { verifyControlPlaneCaller } from './verifyControlPlaneCaller';

export type ControlPlaneOptions = AuthPolicyOptions;

interface Route {
  operation: string;
  method: string;
  /** The path, with one `(label)` group for the resource identifier when the operation has one. */
  path: RegExp;
  identifier?: { member: string; kind: IdentifierKind };
  run(resource: LatticeResource | undefined, call: IncomingCall, world: World, options: ControlPlaneOptions): Answer;
}

const service = (r: LatticeResource | undefined) => (r as Extract<LatticeResource, { kind: 'service' }>).service;
const network = (r: LatticeResource | undefined) => (r as Extract<LatticeResource, { kind: 'network' }>).network;
const LABEL = '([^/]+)';

/** The operations of the VPC Lattice API the local world answers, with the paths of the service model. */
const ROUTES: Route[] = [
  { operation: 'GetAuthPolicy', method: 'GET', path: new RegExp(`^/authpolicy/${LABEL}$`), identifier: { member: 'resourceIdentifier', kind: 'service-or-network' }, run: (r, _c, w) => getAuthPolicy(r!, w) },
  { operation: 'PutAuthPolicy', method: 'PUT', path: new RegExp(`^/authpolicy/${LABEL}$`), identifier: { member: 'resourceIdentifier', kind: 'service-or-network' }, run: (r, c, w) => putAuthPolicy(r!, c.body, w) },
  { operation: 'DeleteAuthPolicy', method: 'DELETE', path: new RegExp(`^/authpolicy/${LABEL}$`), identifier: { member: 'resourceIdentifier', kind: 'service-or-network' }, run: (r, _c, w, o) => deleteAuthPolicy(r!, w, o) },
  { operation: 'GetService', method: 'GET', path: new RegExp(`^/services/${LABEL}$`), identifier: { member: 'serviceIdentifier', kind: 'service' }, run: (r, _c, w) => getService(service(r), w) },
  { operation: 'UpdateService', method: 'PATCH', path: new RegExp(`^/services/${LABEL}$`), identifier: { member: 'serviceIdentifier', kind: 'service' }, run: (r, c, w) => updateService(service(r), c.body, w) },
  { operation: 'GetServiceNetwork', method: 'GET', path: new RegExp(`^/servicenetworks/${LABEL}$`), identifier: { member: 'serviceNetworkIdentifier', kind: 'network' }, run: (r, _c, w) => getServiceNetwork(network(r), w) },
  { operation: 'UpdateServiceNetwork', method: 'PATCH', path: new RegExp(`^/servicenetworks/${LABEL}$`), identifier: { member: 'serviceNetworkIdentifier', kind: 'network' }, run: (r, c, w) => updateServiceNetwork(network(r), c.body, w) },
  { operation: 'ListServices', method: 'GET', path: /^\/services\/?$/, run: (_r, _c, w) => listServices(w) },
  { operation: 'ListServiceNetworks', method: 'GET', path: /^\/servicenetworks\/?$/, run: (_r, _c, w) => listServiceNetworks(w) },
];

function findRoute(call: IncomingCall): { route: Route; label?: string } {
  const q = call.target.indexOf('?');
  const path = q === -1 ? call.target : call.target.slice(0, q);
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match && route.method === call.method) return { route, label: match[1] === undefined ? undefined : safeDecode(match[1]) };
  }
  throw ControlPlaneError.validation(`No operation matches ${call.method} ${path.length > 128 ? `${path.slice(0, 128)}...` : path}`, 'unknownOperation');
}

/**
 * The local VPC Lattice control plane, restJson1 as `@aws-sdk/client-vpc-lattice` speaks it:
 * authenticate (SigV4, signing name `vpc-lattice`), find the operation, resolve the resource,
 * authorize, run. Every refusal is an AWS-shaped error; nothing a client sends makes it throw.
 */
export function handleControlPlane(call: IncomingCall, world: World, options: ControlPlaneOptions): Answer {
  try {
    const key = verifyControlPlaneCaller(call, world);
    const { route, label } = findRoute(call);
    world.stats.controlPlane.set(route.operation, (world.stats.controlPlane.get(route.operation) ?? 0) + 1);
    const resource = route.identifier ? resolveResource(label ?? '', route.identifier.member, route.identifier.kind, world) : undefined;
    authorizeControlPlane(key, route.operation, resource?.arn ?? '*', world);
    return route.run(resource, call, world, options);
  } catch (error) {
    if (error instanceof ControlPlaneError) return controlPlaneErrorAnswer(error);
    throw error;
  }
}
