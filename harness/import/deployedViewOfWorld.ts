import { FULL_AWS_ACCESS_DOCUMENT, RCP_FULL_AWS_ACCESS_DOCUMENT } from '../../policy/org/orgSettings';
import { listenersOf, type WorldSpec } from '../../world';
import type { OrgPolicySpec } from '../../world/types';
import { roleArn, serviceArn, serviceNetworkArn } from '../../world/arns';
import { byKey, byListener, sortedTags, type DeployedOrganization, type DeployedOrgTree } from './types';

/**
 * The part of a world that is deployed in AWS and can be read back: what `world import` writes
 * and what drift compares. Roles are those `roleArns` names (the environment's callers); VPCs
 * those associated with a service network; accounts those owning any of it, and those read
 * (`readerAccounts`, which a reading lists whatever they own); every relay (its VPC and policy). Targets, callers,
 * users and VPC addresses exist only as code; the OU tree, SCPs and RCPs are included when the
 * world names its management account or has SCPs or RCPs of its own.
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
      ...(r.permissionsBoundary !== undefined && { permissionsBoundary: { document: r.permissionsBoundary } }),
    }))
    .sort(byKey((r) => r.arn));
  const relays = (spec.relays ?? [])
    .map((r) => ({
      arn: r.arn,
      account: r.account,
      functionName: r.functionName,
      vpc: r.vpc,
      ...(r.policy !== undefined && { policy: r.policy }),
    }))
    .sort(byKey((r) => r.arn));
  const owners = new Set([
    ...readerAccounts,
    ...[...networks, ...services, ...vpcs, ...roles, ...relays].map((x) => x.account),
  ]);
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
    relays,
    ...(inOrg && guardrailsOf(spec) && { organization: guardrailsOf(spec) }),
  };
}

/**
 * The organization's tree and guardrails as code, when the world says anything of them: names its
 * management account (the one that can read them) or an SCP or RCP of its own. AWS's defaults
 * (FullAWSAccess, RCPFullAWSAccess everywhere) apply where the world has none.
 */
function guardrailsOf(spec: WorldSpec): DeployedOrgTree | undefined {
  const org = spec.organization;
  const own = [...(org.scps ?? []), ...(org.rcps ?? [])].some(
    (p) => p.name !== 'FullAWSAccess' && p.name !== 'RCPFullAWSAccess',
  );
  if (org.managementAccount === undefined && !own) return undefined;
  const everywhere = [org.rootId, ...org.ous.map((o) => o.id), ...Object.keys(org.ouPaths)];
  const sorted = (list: OrgPolicySpec[] | undefined, aws: string, document: unknown) =>
    (list ?? [{ name: aws, document, targets: everywhere }])
      .map((p) => ({ name: p.name, document: p.document, targets: [...p.targets].sort() }))
      .sort(byKey((p) => p.name));
  return {
    rootId: org.rootId,
    ...(org.managementAccount !== undefined && { managementAccount: org.managementAccount }),
    ous: org.ous.map((o) => ({ ...o })).sort(byKey((o) => o.id)),
    accounts: Object.entries(org.ouPaths)
      .map(([id, path]) => ({
        id,
        name: spec.accounts.find((a) => a.id === id)?.name ?? id,
        parentId: path.split('/').filter(Boolean).at(-1) ?? org.rootId,
      }))
      .sort(byKey((a) => a.id)),
    scps: sorted(org.scps, 'FullAWSAccess', FULL_AWS_ACCESS_DOCUMENT),
    rcps: sorted(org.rcps, 'RCPFullAWSAccess', RCP_FULL_AWS_ACCESS_DOCUMENT),
  };
}
