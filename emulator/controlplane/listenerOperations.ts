import type { Answer } from '../http/types';
import type { ResolvedService, World } from '../world/World';
import type { ListContext } from './associationOperations';
import { listenersOfService } from './latticeIds';
import { pageItems } from './pageItems';
import { ControlPlaneError, dateTime, jsonAnswer } from './restJson';

function summary(l: ReturnType<typeof listenersOfService>[number], world: World) {
  return {
    arn: l.arn,
    id: l.id,
    name: l.name,
    protocol: l.spec.protocol,
    port: l.spec.port,
    createdAt: dateTime(world.createdAt),
    lastUpdatedAt: dateTime(world.createdAt),
  };
}

/** ListListeners of a service. */
export function listListeners(service: ResolvedService, world: World, ctx: ListContext): Answer {
  const page = pageItems(listenersOfService(service), ctx.query, 'ListListeners');
  return jsonAnswer(200, {
    items: page.items.map((l) => summary(l, world)),
    ...(page.nextToken && { nextToken: page.nextToken }),
  });
}

/**
 * GetListener: by ID or ARN; the default action of a local listener is a fixed 404 (routing goes to
 * the service's target).
 */
export function getListener(service: ResolvedService, identifier: string, world: World): Answer {
  const listener = listenersOfService(service).find((l) => l.id === identifier || l.arn === identifier);
  if (!listener)
    throw ControlPlaneError.notFound(identifier, 'LISTENER', `Listener '${identifier.slice(0, 128)}' was not found`);
  return jsonAnswer(200, {
    ...summary(listener, world),
    serviceArn: service.arn,
    serviceId: service.spec.id,
    defaultAction: { fixedResponse: { statusCode: 404 } },
  });
}
