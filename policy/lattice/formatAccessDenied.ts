import { formatInvokeDenied, INVOKE_ACTION, type DenialSource } from '../accessDeniedTexts';
import type { InvokeLayer } from './types';

export { INVOKE_ACTION };

/** The policy type a layer's denial names when none is given: SCPs for the organization. */
const DEFAULT_SOURCE: Record<InvokeLayer, DenialSource> = {
  network: 'network',
  service: 'service',
  identity: 'identity',
  organization: 'scp',
  boundary: 'boundary',
  session: 'session',
};

/**
 * The body of Lattice's 403, byte for byte (no trailing newline):
 * `AccessDeniedException: User: <principal> is not authorized to perform: vpc-lattice-svcs:Invoke
 * on resource: <resource> because no <layer>-based policy allows the vpc-lattice-svcs:Invoke action`,
 * or `... with an explicit deny in a <layer>-based policy`; for the organization, boundary and
 * session layers the documented IAM forms (texts and evidence: `policy/accessDeniedTexts.ts`).
 * `source` picks RCPs rather than SCPs for the organization layer.
 */
export function formatAccessDenied(args: {
  principal: string;
  resource: string;
  layer: InvokeLayer;
  explicit: boolean;
  source?: DenialSource;
}): string {
  const { principal, resource, layer, explicit } = args;
  return formatInvokeDenied({ principal, resource, source: args.source ?? DEFAULT_SOURCE[layer], explicit });
}
