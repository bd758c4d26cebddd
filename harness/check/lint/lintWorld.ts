import { serviceArn, serviceNetworkArn } from '../../../world/arns';
import type { WorldSpec } from '../../../world';
import { networkSubject, relaySubject, roleSubject, serviceSubject, withImplicitResource } from '../../../world';
import type { PolicyFiles } from '../predictCall';
import type { LintFinding } from '../types';
import { lintPolicy, type LintTarget } from './lintPolicy';

/**
 * Lints every policy of a world: the service networks' and services' auth policies (as resource
 * policies, with the Lattice lints), the roles' identity policies (their Invoke statements), and,
 * for parse errors, engine warnings and conditions on the client's User-Agent, the trust policies and the
 * relays' function policies; the runner's policy for parse errors and engine warnings.
 */
export function lintWorld(spec: WorldSpec, options: { policyFiles?: PolicyFiles } = {}): LintFinding[] {
  const fileOf = (policy: unknown) => options.policyFiles?.get(policy);
  const lint = (policy: unknown, target: Omit<LintTarget, 'file' | 'sourceOrgIdMode'>, original = policy) => {
    const file = fileOf(original);
    return lintPolicy(policy, {
      ...target,
      ...(file !== undefined && { file }),
      sourceOrgIdMode: spec.sourceOrgIdMode,
    });
  };
  const arnOf = (id: string) => {
    const s = spec.services.find((x) => x.id === id)!;
    return serviceArn(spec.region, s.account, s.id);
  };
  const findings: LintFinding[] = [];
  for (const n of spec.serviceNetworks) {
    if (n.policy === undefined) continue;
    const serviceArns = spec.services.filter((s) => s.serviceNetworks.includes(n.id)).map((s) => arnOf(s.id));
    findings.push(
      ...lint(n.policy, {
        policy: `${networkSubject(n)} auth policy (${serviceNetworkArn(spec.region, n.account, n.id)})`,
        use: 'auth',
        kind: 'resource',
        serviceArns,
      }),
    );
  }
  for (const s of spec.services) {
    if (s.policy === undefined) continue;
    findings.push(
      ...lint(s.policy, {
        policy: `${serviceSubject(s)} auth policy (${arnOf(s.id)})`,
        use: 'auth',
        kind: 'resource',
        serviceArns: [arnOf(s.id)],
      }),
    );
  }
  for (const r of spec.roles) {
    for (const [i, p] of r.identityPolicies.entries()) {
      findings.push(
        ...lint(p, { policy: `${roleSubject(r)} identity policy ${i + 1}`, use: 'identity', kind: 'identity' }),
      );
    }
    findings.push(
      ...lint(
        withImplicitResource(r.trustPolicy),
        { policy: `${roleSubject(r)} trust policy`, use: 'other', kind: 'resource', decidesClientRequests: true },
        r.trustPolicy,
      ),
    );
  }
  for (const relay of spec.relays ?? []) {
    if (relay.policy === undefined) continue;
    findings.push(
      ...lint(relay.policy, {
        policy: `${relaySubject(relay)} resource policy`,
        use: 'other',
        kind: 'resource',
        decidesClientRequests: true,
      }),
    );
  }
  findings.push(
    ...lint(spec.runner.identityPolicy, {
      policy: `runner ${spec.runner.userName} identity policy`,
      use: 'other',
      kind: 'identity',
    }),
  );
  return findings;
}
