import { serviceArn, serviceNetworkArn } from '../../../world/arns';
import type { WorldSpec } from '../../../world';
import { findPolicyFiles } from '../findPolicyFiles';
import type { CodeAuthPolicy } from './types';

/**
 * The `local` environment's policies as code: every service network and service of the world
 * spec that has an auth policy, with the file it came from (found by content in `policiesDir`).
 */
export function localAuthPolicies(spec: WorldSpec, policiesDir?: string): CodeAuthPolicy[] {
  const files = policiesDir ? findPolicyFiles(spec, policiesDir) : (spec.policyFiles ?? new Map<unknown, string>());
  const resources = [
    ...spec.serviceNetworks.map((n) => ({ arn: serviceNetworkArn(spec.region, n.account, n.id), policy: n.policy })),
    ...spec.services.map((s) => ({ arn: serviceArn(spec.region, s.account, s.id), policy: s.policy })),
  ];
  return resources
    .filter((r) => r.policy !== undefined && r.policy !== null)
    .map((r) => {
      const file = files.get(r.policy);
      return { resourceArn: r.arn, ...(file !== undefined && { file }), document: r.policy };
    });
}
