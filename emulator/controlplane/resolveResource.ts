import type { ResolvedNetwork, ResolvedService, World } from '../world/World';
import { ControlPlaneError } from './restJson';

export type LatticeResource =
  | { kind: 'service'; service: ResolvedService; arn: string }
  | { kind: 'network'; network: ResolvedNetwork; arn: string };

/** Which kinds an identifier may name, per the request member it came from. */
export type IdentifierKind = 'service' | 'network' | 'service-or-network';

const ID = { service: 'svc-[0-9a-z]{17}', network: 'sn-[0-9a-z]{17}' };
const ARN_PREFIX = 'arn:[a-z0-9-]+:vpc-lattice:[a-zA-Z0-9-]+:\\d{12}:';
const ARN = { service: `${ARN_PREFIX}service/${ID.service}`, network: `${ARN_PREFIX}servicenetwork/${ID.network}` };
const PATTERNS: Record<IdentifierKind, string> = {
  service: `(${ID.service})|(${ARN.service})`,
  network: `(${ID.network})|(${ARN.network})`,
  'service-or-network': `(${ID.service})|(${ID.network})|(${ARN.service})|(${ARN.network})`,
};
const MATCHERS = Object.fromEntries(
  Object.entries(PATTERNS).map(([kind, p]) => [kind, new RegExp(`^(${p})$`)]),
) as Record<IdentifierKind, RegExp>;

/** Keeps an echoed value readable when a client sends something huge. */
const echo = (value: string) => (value.length > 128 ? `${value.slice(0, 128)}...` : value);

/** The AWS resource type names Lattice's errors carry. [guess] */
export const RESOURCE_TYPE = { service: 'SERVICE', network: 'SERVICE_NETWORK' } as const;

/**
 * Finds the service or service network an identifier (ID or ARN) names. A malformed identifier
 * is a ValidationException naming the member; a well-formed one the world does not have is a
 * ResourceNotFoundException.
 */
export function resolveResource(
  identifier: string,
  member: string,
  kind: IdentifierKind,
  world: World,
): LatticeResource {
  if (!MATCHERS[kind].test(identifier)) {
    const message =
      `1 validation error detected: Value '${echo(identifier)}' at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy regular expression pattern: ${PATTERNS[kind]}`;
    throw ControlPlaneError.validation(message, 'fieldValidationFailed', [
      { name: member, message: `Member must satisfy regular expression pattern: ${PATTERNS[kind]}` },
    ]);
  }
  const isNetwork = /^sn-|:servicenetwork\//.test(identifier);
  if (isNetwork) {
    const network = world.networkByIdOrArn(identifier);
    if (!network)
      throw ControlPlaneError.notFound(
        identifier,
        RESOURCE_TYPE.network,
        `Service network '${identifier}' was not found`,
      );
    return { kind: 'network', network, arn: network.arn };
  }
  const service = world.serviceByIdOrArn(identifier);
  if (!service)
    throw ControlPlaneError.notFound(identifier, RESOURCE_TYPE.service, `Service '${identifier}' was not found`);
  return { kind: 'service', service, arn: service.arn };
}
