import { listenersOf, type WorldSpec } from '../../world';
import { roleArn, serviceArn, serviceNetworkArn } from '../../world/arns';
import { byKey, byListener, sortedTags, type DeployedOrganization } from './types';

/**
 * The part of a world that is deployed in AWS and can be read back: what `world import` writes
 * and what drift compares. Roles are those `roleArns` names (the environment's callers); VPCs
 * those associated with a service network; accounts those owning any of it, and those read
 * (`readerAccounts`, which a reading lists whatever they own). Targets, callers,
 * users, VPC addresses and OUs exist only as code.
 */
export function deployedViewOfWorld(
  spec: WorldSpec,
  roleArns: readonly string[],
  readerAccounts: readonly string[] = [],
): DeployedOrganization {
  const networks = spec.serviceNetworks
    .map((n) => ({
      arn: serviceNetworkArn(spec.region, n.account, n.id),
      id: n.id,
      name: n.name,
      account: n.account,
      authType: n.authType,
      ...(n.policy !== undefined && { policy: n.policy }),
      vpcs: [...n.vpcAssociations].sort(),
      tags: sortedTags(n.tags),
    }))
    .sort(byKey((n) => n.id));
  const services = spec.services
    .map((s) => ({
      arn: serviceArn(spec.region, s.account, s.id),
      id: s.id,
      name: s.name,
      account: s.account,
      authType: s.authType,
      ...(s.policy !== undefined && { policy: s.policy }),
      tags: sortedTags(s.tags),
      serviceNetworks: [...s.serviceNetworks].sort(),
      listeners: listenersOf(s)
        .map((l) => ({ ...l }))
        .sort(byListener),
      ...(s.customDomainName && { customDomainName: s.customDomainName }),
    }))
    .sort(byKey((s) => s.id));
  const associated = new Set(spec.serviceNetworks.flatMap((n) => n.vpcAssociations));
  const vpcs = spec.vpcs
    .filter((v) => associated.has(v.id))
    .map((v) => ({ id: v.id, account: v.account }))
    .sort(byKey((v) => v.id));
  const roles = spec.roles
    .filter((r) => roleArns.includes(roleArn(r.account, r.name)))
    .map((r) => ({
      arn: roleArn(r.account, r.name),
      account: r.account,
      name: r.name,
      trustPolicy: r.trustPolicy,
      identityPolicies: r.identityPolicies.map((document, i) => ({
        kind: 'inline' as const,
        name: `identity-${i + 1}`,
        document,
      })),
      tags: sortedTags(r.tags),
      maxSessionDurationSeconds: r.maxSessionDurationSeconds ?? 3600,
    }))
    .sort(byKey((r) => r.arn));
  const owners = new Set([...readerAccounts, ...[...networks, ...services, ...vpcs, ...roles].map((x) => x.account)]);
  const inOrg = spec.accounts.some((a) => a.inOrganization);
  return {
    region: spec.region,
    ...(inOrg && { organizationId: spec.organization.id }),
    accounts: spec.accounts
      .filter((a) => owners.has(a.id))
      .map((a) => ({ id: a.id, name: a.name, inOrganization: a.inOrganization }))
      .sort(byKey((a) => a.id)),
    vpcs,
    roles,
    serviceNetworks: networks,
    services,
  };
}
