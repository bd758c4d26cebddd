import type { AuthType } from '../../policy';
import type { Answer } from '../http/types';
import type { ResolvedNetwork, ResolvedService, World } from '../world/World';
import type { ListContext } from './associationOperations';
import { pageItems } from './pageItems';
import { optionalEnum, readJsonBody } from './readJsonBody';
import { ControlPlaneError, dateTime, jsonAnswer } from './restJson';

const AUTH_TYPES: readonly AuthType[] = ['NONE', 'AWS_IAM'];
/** The hosted zone every local service name lives in. */
const HOSTED_ZONE_ID = 'Z07497003L1FBSXSGT6QZ';

function serviceSummary(service: ResolvedService, world: World) {
  const auth = world.configuredAuthOf(service.arn);
  return {
    id: service.spec.id,
    name: service.spec.name,
    arn: service.arn,
    createdAt: dateTime(world.createdAt),
    lastUpdatedAt: dateTime(auth.updatedAt),
    dnsEntry: { domainName: service.domain, hostedZoneId: HOSTED_ZONE_ID },
    ...(service.spec.customDomainName && { customDomainName: service.spec.customDomainName }),
    status: 'ACTIVE',
  };
}

function networkSummary(network: ResolvedNetwork, world: World) {
  const auth = world.configuredAuthOf(network.arn);
  return {
    id: network.spec.id,
    name: network.spec.name,
    arn: network.arn,
    createdAt: dateTime(world.createdAt),
    lastUpdatedAt: dateTime(auth.updatedAt),
    numberOfAssociatedVPCs: network.spec.vpcAssociations.length,
    numberOfAssociatedServices: world.services.filter((s) => s.spec.serviceNetworks.includes(network.spec.id)).length,
  };
}

export function getService(service: ResolvedService, world: World): Answer {
  return jsonAnswer(200, { ...serviceSummary(service, world), authType: world.configuredAuthOf(service.arn).authType });
}

export function getServiceNetwork(network: ResolvedNetwork, world: World): Answer {
  return jsonAnswer(200, { ...networkSummary(network, world), authType: world.configuredAuthOf(network.arn).authType });
}

/** ListServices: the services of the caller's account, a page at a time. */
export function listServices(world: World, ctx: ListContext): Answer {
  const visible = world.services.filter((s) => ctx.account === undefined || s.spec.account === ctx.account);
  const page = pageItems(visible, ctx.query, 'ListServices');
  return jsonAnswer(200, {
    items: page.items.map((s) => serviceSummary(s, world)),
    ...(page.nextToken && { nextToken: page.nextToken }),
  });
}

/** ListServiceNetworks: the service networks of the caller's account, a page at a time. */
export function listServiceNetworks(world: World, ctx: ListContext): Answer {
  const visible = world.networks.filter((n) => ctx.account === undefined || n.spec.account === ctx.account);
  const page = pageItems(visible, ctx.query, 'ListServiceNetworks');
  return jsonAnswer(200, {
    items: page.items.map((n) => networkSummary(n, world)),
    ...(page.nextToken && { nextToken: page.nextToken }),
  });
}

/** UpdateService: the auth type (propagates to the data plane after the delay); other members are echoed. */
export function updateService(service: ResolvedService, body: Buffer, world: World): Answer {
  const input = readJsonBody(body);
  const authType = optionalEnum(input, 'authType', AUTH_TYPES);
  const auth = authType ? world.changeAuth(service.arn, { authType }) : world.configuredAuthOf(service.arn);
  return jsonAnswer(200, {
    id: service.spec.id,
    arn: service.arn,
    name: service.spec.name,
    authType: auth.authType,
    ...(typeof input.certificateArn === 'string' ? { certificateArn: input.certificateArn } : {}),
    ...(typeof input.idleTimeoutSeconds === 'number' ? { idleTimeoutSeconds: input.idleTimeoutSeconds } : {}),
  });
}

/** UpdateServiceNetwork: `authType` is required. */
export function updateServiceNetwork(network: ResolvedNetwork, body: Buffer, world: World): Answer {
  const authType = optionalEnum(readJsonBody(body), 'authType', AUTH_TYPES);
  if (!authType) {
    const message =
      "1 validation error detected: Value null at 'authType' failed to satisfy constraint: Member must not be null";
    throw ControlPlaneError.validation(message, 'fieldValidationFailed', [
      { name: 'authType', message: 'Member must not be null' },
    ]);
  }
  const auth = world.changeAuth(network.arn, { authType });
  return jsonAnswer(200, { id: network.spec.id, name: network.spec.name, arn: network.arn, authType: auth.authType });
}
