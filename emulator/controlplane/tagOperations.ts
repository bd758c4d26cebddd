import type { Answer } from '../http/types';
import type { World } from '../world/World';
import { serviceAssociations, vpcAssociations, listenersOfService } from './latticeIds';
import { ControlPlaneError, jsonAnswer } from './restJson';

const ARN = /^arn:[a-z0-9-]+:vpc-lattice:[a-zA-Z0-9-]+:\d{12}:[a-z]+\/[0-9a-z-]+(\/listener\/listener-[0-9a-z]+)?$/;

/** The tags of a network or service (the world's), or of another Lattice resource of the world (none). */
export function tagsOfArn(arn: string, world: World): Record<string, string> | undefined {
  const network = world.networks.find((n) => n.arn === arn);
  if (network) return { ...(network.spec.tags ?? {}) };
  const service = world.services.find((s) => s.arn === arn);
  if (service) return { ...(service.spec.tags ?? {}) };
  const others = [
    ...serviceAssociations(world).map((a) => a.arn),
    ...vpcAssociations(world).map((a) => a.arn),
    ...world.services.flatMap((s) => listenersOfService(s).map((l) => l.arn)),
  ];
  return others.includes(arn) ? {} : undefined;
}

/** ListTagsForResource: `{tags}`; an ARN of no resource of the world is ResourceNotFoundException. */
export function listTagsForResource(arn: string, world: World): Answer {
  if (!ARN.test(arn)) {
    const constraint =
      'Member must satisfy regular expression pattern: arn:[a-z0-9-]+:vpc-lattice:[a-zA-Z0-9-]+:\\d{12}:.*';
    throw ControlPlaneError.validation(
      `1 validation error detected: Value '${arn.slice(0, 128)}' at ` +
        `'resourceArn' failed to satisfy constraint: ${constraint}`,
      'fieldValidationFailed',
      [{ name: 'resourceArn', message: constraint }],
    );
  }
  const tags = tagsOfArn(arn, world);
  if (!tags) throw ControlPlaneError.notFound(arn, 'RESOURCE', `Resource '${arn}' was not found`);
  return jsonAnswer(200, { tags });
}
