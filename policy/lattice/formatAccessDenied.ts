import type { Layer } from './types';

export const INVOKE_ACTION = 'vpc-lattice-svcs:Invoke';

const ARTICLE: Record<Layer, string> = { network: 'a', service: 'a', identity: 'an' };

/**
 * The body of Lattice's 403, byte for byte (no trailing newline):
 * `AccessDeniedException: User: <principal> is not authorized to perform: vpc-lattice-svcs:Invoke
 * on resource: <resource> because no <layer>-based policy allows the vpc-lattice-svcs:Invoke action`,
 * or `... with an explicit deny in a <layer>-based policy`.
 */
export function formatAccessDenied(args: { principal: string; resource: string; layer: Layer; explicit: boolean }): string {
  const { principal, resource, layer, explicit } = args;
  const head = `AccessDeniedException: User: ${principal} is not authorized to perform: ${INVOKE_ACTION} on resource: ${resource}`;
  const tail = explicit
    ? `with an explicit deny in ${ARTICLE[layer]} ${layer}-based policy`
    : `because no ${layer}-based policy allows the ${INVOKE_ACTION} action`;
  return `${head} ${tail}`;
}
