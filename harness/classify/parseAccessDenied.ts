import type { Layer } from '../config/types';

export interface AccessDenied { principal: string; resource: string; layer: Layer; explicit: boolean }

/**
 * Lattice's denial, byte for byte: `AccessDeniedException: User: <principal> is not authorized to
 * perform: vpc-lattice-svcs:Invoke on resource: <resource> because no <layer>-based policy allows the
 * vpc-lattice-svcs:Invoke action` or `... with an explicit deny in a <layer>-based policy`.
 */
const ACCESS_DENIED =
  /^AccessDeniedException: User: (\S+) is not authorized to perform: vpc-lattice-svcs:Invoke on resource: (\S.*?) (?:because no (network|service|identity)-based policy allows the vpc-lattice-svcs:Invoke action|with an explicit deny in an? (network|service|identity)-based policy)$/;

/** Parses the body of a 403; anything not exactly Lattice's text is not a denial. */
export function parseAccessDenied(body: string): AccessDenied | undefined {
  const match = ACCESS_DENIED.exec(body);
  if (!match) return undefined;
  const [, principal, resource, implicitLayer, explicitLayer] = match;
  return { principal, resource, layer: (implicitLayer ?? explicitLayer) as Layer, explicit: explicitLayer !== undefined };
}
