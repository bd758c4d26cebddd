import type { DeployedOrganization } from '../../import/types';
import { compareAuthPolicies, type PolicyDifference } from './compareAuthPolicies';
import { compareGuardrails } from './compareGuardrails';
import { canonicalJson } from './normalizeAuthPolicy';

export type DriftKind =
  | 'account'
  | 'vpc'
  | 'service-network'
  | 'service'
  | 'vpc-association'
  | 'service-association'
  | 'role'
  | 'relay'
  | 'boundary'
  | 'scp'
  | 'rcp';

/**
 * What differs in one element of a resource: its name, and the code's and the deployed value (or
 * the policy differences).
 */
export interface DriftDifference {
  field: string;
  code?: unknown;
  deployed?: unknown;
  policy?: PolicyDifference[];
}

export type DriftStatus = 'same' | 'differs' | 'missing' | 'extra' | 'error';

/**
 * One resource of the organization: `same`, `differs` (what), `missing` (in code, not deployed),
 * `extra` (deployed, not in code), `error` (it, or its account, could not be read).
 */
export interface DriftEntry {
  kind: DriftKind;
  /** The resource's ARN or ID (an association: `<network id> ↔ <vpc or service id>`). */
  id: string;
  status: DriftStatus;
  differences: DriftDifference[];
  error?: { operation: string; name: string; message: string };
}

function value(field: string, code: unknown, deployed: unknown): DriftDifference[] {
  return canonicalJson(code ?? null) === canonicalJson(deployed ?? null) ? [] : [{ field, code, deployed }];
}

function policy(field: string, code: unknown, deployed: unknown): DriftDifference[] {
  if (code === undefined && deployed === undefined) return [];
  if (code === undefined || deployed === undefined) return [{ field, code, deployed }];
  const differences = compareAuthPolicies(code, deployed);
  return differences.length === 0 ? [] : [{ field, policy: differences }];
}

/** Identity policies compared as a set: each policy as code is matched with a deployed one that means the same. */
function policySet(field: string, code: unknown[], deployed: unknown[]): DriftDifference[] {
  const left = [...deployed];
  const onlyInCode: unknown[] = [];
  for (const c of code) {
    const i = left.findIndex((d) => compareAuthPolicies(c, d).length === 0);
    if (i === -1) onlyInCode.push(c);
    else left.splice(i, 1);
  }
  return onlyInCode.length === 0 && left.length === 0 ? [] : [{ field, code: onlyInCode, deployed: left }];
}

function match<T>(
  kind: DriftKind,
  code: T[],
  deployed: T[],
  idOf: (t: T) => string,
  diff: (c: T, d: T) => DriftDifference[],
): DriftEntry[] {
  const deployedById = new Map(deployed.map((d) => [idOf(d), d]));
  const out: DriftEntry[] = [];
  for (const c of code) {
    const d = deployedById.get(idOf(c));
    if (!d) {
      out.push({ kind, id: idOf(c), status: 'missing', differences: [] });
      continue;
    }
    deployedById.delete(idOf(c));
    const differences = diff(c, d);
    out.push({ kind, id: idOf(c), status: differences.length === 0 ? 'same' : 'differs', differences });
  }
  for (const id of deployedById.keys()) out.push({ kind, id, status: 'extra', differences: [] });
  return out;
}

const pairs = (org: DeployedOrganization) => ({
  vpc: org.serviceNetworks.flatMap((n) => n.vpcs.map((v) => `${n.id} ↔ ${v}`)),
  service: org.services.flatMap((s) => s.serviceNetworks.map((n) => `${n} ↔ ${s.id}`)),
});

/**
 * The whole organization as code against the deployed one, semantically, resource by resource:
 * accounts, VPC owners, service networks and services (auth type, auth policy, listeners, custom
 * domain, tags), their VPC and service associations, and the caller roles (trust policy,
 * identity policies as a set, tags, maximum session duration, permissions boundary), the relays (the function's
 * VPC and resource-based policy), and the SCPs and
 * RCPs of each target of the organization when the world as code names its guardrails.
 */
export function compareOrganizations(code: DeployedOrganization, deployed: DeployedOrganization): DriftEntry[] {
  const codePairs = pairs(code);
  const deployedPairs = pairs(deployed);
  const id = (s: string) => s;
  const entries = [
    ...match(
      'account',
      code.accounts,
      deployed.accounts,
      (a) => a.id,
      (c, d) => value('inOrganization', c.inOrganization, d.inOrganization),
    ),
    ...match(
      'vpc',
      code.vpcs,
      deployed.vpcs,
      (v) => v.id,
      (c, d) => value('account', c.account, d.account),
    ),
    ...match(
      'service-network',
      code.serviceNetworks,
      deployed.serviceNetworks,
      (n) => n.arn,
      (c, d) => [
        ...value('name', c.name, d.name),
        ...value('authType', c.authType, d.authType),
        ...policy('authPolicy', c.policy, d.policy),
        ...value('tags', c.tags, d.tags),
      ],
    ),
    ...match(
      'service',
      code.services,
      deployed.services,
      (s) => s.arn,
      (c, d) => [
        ...value('name', c.name, d.name),
        ...value('authType', c.authType, d.authType),
        ...policy('authPolicy', c.policy, d.policy),
        ...value('listeners', c.listeners, d.listeners),
        ...value('customDomainName', c.customDomainName, d.customDomainName),
        ...value('tags', c.tags, d.tags),
      ],
    ),
    ...match('vpc-association', codePairs.vpc, deployedPairs.vpc, id, () => []),
    ...match('service-association', codePairs.service, deployedPairs.service, id, () => []),
    ...match(
      'role',
      code.roles,
      deployed.roles,
      (r) => r.arn,
      (c, d) => [
        ...policy('trustPolicy', c.trustPolicy, d.trustPolicy),
        ...policySet(
          'identityPolicies',
          c.identityPolicies.map((p) => p.document),
          d.identityPolicies.map((p) => p.document),
        ),
        ...value('tags', c.tags, d.tags),
        ...value('maxSessionDurationSeconds', c.maxSessionDurationSeconds, d.maxSessionDurationSeconds),
      ],
    ),
    ...match(
      'relay',
      code.relays,
      deployed.relays,
      (r) => r.arn,
      (c, d) => [...value('vpc', c.vpc, d.vpc), ...policy('policy', c.policy, d.policy)],
    ),
    ...compareGuardrails(code, deployed),
  ];
  return withReadErrors(entries, code, deployed);
}

/** The owning account of an entry, for an account whose listings could not be read. */
function accountOfEntry(entry: DriftEntry, code: DeployedOrganization): string | undefined {
  if (entry.kind === 'account') return entry.id;
  if (entry.kind === 'scp' || entry.kind === 'rcp') return undefined;
  if (entry.kind === 'vpc') return code.vpcs.find((v) => v.id === entry.id)?.account;
  if (entry.kind === 'vpc-association' || entry.kind === 'service-association') {
    return code.serviceNetworks.find((n) => n.id === entry.id.split(' ↔ ')[0])?.account;
  }
  return entry.id.split(':')[4];
}

/**
 * The reading's own failure for an entry: the resource's (a role's also for its boundary), the
 * organization's for every SCP and RCP entry.
 */
function ownError(e: NonNullable<DeployedOrganization['errors']>[number], entry: DriftEntry): boolean {
  if (e.kind === 'organization') return entry.kind === 'scp' || entry.kind === 'rcp';
  if (e.kind === 'account') return false;
  if (e.kind === 'role' && entry.kind === 'boundary') return e.id === entry.id;
  return e.kind === entry.kind && e.id === entry.id;
}

/**
 * A resource that could not be read is `error`, never `missing`: a resource whose own reading
 * failed, or what its account owns when the account's listings failed.
 */
function withReadErrors(
  entries: DriftEntry[],
  code: DeployedOrganization,
  deployed: DeployedOrganization,
): DriftEntry[] {
  const errors = deployed.errors ?? [];
  if (errors.length === 0) return entries;
  const out = entries.map((entry) => {
    const own = errors.find((e) => ownError(e, entry));
    const account = errors.find((e) => e.kind === 'account' && e.id === accountOfEntry(entry, code));
    const error = own ?? (entry.status === 'missing' ? account : undefined);
    return error
      ? {
          ...entry,
          status: 'error' as const,
          differences: [],
          error: { operation: error.operation, name: error.name, message: error.message },
        }
      : entry;
  });
  for (const e of errors) {
    // A boundary that could not be read is an error even where the code has none.
    const kind = e.kind === 'account' ? 'account' : e.kind === 'boundary' ? 'boundary' : undefined;
    if (kind && !out.some((x) => x.kind === kind && x.id === e.id)) {
      out.push({
        kind,
        id: e.id,
        status: 'error',
        differences: [],
        error: { operation: e.operation, name: e.name, message: e.message },
      });
    }
  }
  return out;
}
