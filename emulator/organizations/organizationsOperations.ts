import { createHash } from 'node:crypto';
import type { World } from '../world/World';

/** An Organizations error as the JSON 1.1 protocol carries it (`__type`, `Message`). */
export class OrganizationsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Input = Record<string, unknown>;
type PolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

const invalid = (message: string) => new OrganizationsError(400, 'InvalidInputException', message);

function text(input: Input, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '')
    throw invalid(`You provided a value that does not match the required pattern: ${name}`);
  return value;
}

/** AWS's own policies keep their fixed IDs; a world's policy gets a stable `p-` ID from its type and name. */
export function policyId(type: PolicyType, name: string): string {
  if (name === 'FullAWSAccess') return 'p-FullAWSAccess';
  if (name === 'RCPFullAWSAccess') return 'p-RCPFullAWSAccess';
  return `p-${createHash('sha256').update(`${type}:${name}`).digest('hex').slice(0, 8)}`;
}

const orgArn = (world: World) => {
  const { managementAccount, id } = world.spec.organization;
  return `arn:aws:organizations::${managementAccount ?? ''}:organization/${id}`;
};

/** `NextToken` / `MaxResults` paging (MaxResults 1 to 20, default 20), the token opaque. */
function page<T>(items: T[], input: Input, op: string): { items: T[]; NextToken?: string } {
  const max = input.MaxResults === undefined ? 20 : input.MaxResults;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 20) {
    throw invalid('You provided a value that does not match the required pattern: MaxResults');
  }
  let offset = 0;
  if (input.NextToken !== undefined) {
    const token = String(input.NextToken);
    const match = /^[A-Za-z0-9_-]{1,256}$/.test(token)
      ? new RegExp(`^${op}:(\\d{1,6})$`).exec(Buffer.from(token, 'base64url').toString('utf8'))
      : null;
    if (!match) throw invalid('The specified token is not valid.');
    offset = Number(match[1]);
  }
  const next = offset + max;
  return {
    items: items.slice(offset, next),
    ...(next < items.length && { NextToken: Buffer.from(`${op}:${next}`).toString('base64url') }),
  };
}

/** The parent of an account: its last OU, or the root. */
const parentOfAccount = (world: World, account: string) => {
  const path = world.spec.organization.ouPaths[account] ?? '';
  return path.split('/').filter(Boolean).at(-1) ?? world.spec.organization.rootId;
};

function knownParent(world: World, id: string): void {
  const { rootId, ous } = world.spec.organization;
  if (id !== rootId && !ous.some((o) => o.id === id))
    throw new OrganizationsError(
      400,
      'ParentNotFoundException',
      "We can't find a root or OU with the ParentId that you specified.",
    );
}

export function listRoots(world: World, input: Input) {
  const { rootId, id } = world.spec.organization;
  const management = world.spec.organization.managementAccount ?? '';
  const roots = [
    {
      Id: rootId,
      Arn: `arn:aws:organizations::${management}:root/${id}/${rootId}`,
      Name: 'Root',
      PolicyTypes: [
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
        { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
      ],
    },
  ];
  const { items, ...rest } = page(roots, input, 'ListRoots');
  return { Roots: items, ...rest };
}

export function listOrganizationalUnitsForParent(world: World, input: Input) {
  const parent = text(input, 'ParentId');
  knownParent(world, parent);
  const management = world.spec.organization.managementAccount ?? '';
  const ous = world.spec.organization.ous
    .filter((o) => o.parentId === parent)
    .map((o) => ({
      Id: o.id,
      Arn: `arn:aws:organizations::${management}:ou/${world.spec.organization.id}/${o.id}`,
      Name: o.name,
    }));
  const { items, ...rest } = page(ous, input, 'ListOrganizationalUnitsForParent');
  return { OrganizationalUnits: items, ...rest };
}

export function listAccountsForParent(world: World, input: Input) {
  const parent = text(input, 'ParentId');
  knownParent(world, parent);
  const management = world.spec.organization.managementAccount ?? '';
  const accounts = world.spec.accounts
    .filter((a) => a.inOrganization && parentOfAccount(world, a.id) === parent)
    .map((a) => ({
      Id: a.id,
      Arn: `arn:aws:organizations::${management}:account/${world.spec.organization.id}/${a.id}`,
      Email: `${a.id}@example.com`,
      Name: a.name,
      Status: 'ACTIVE',
      JoinedMethod: a.id === management ? 'CREATED' : 'INVITED',
      JoinedTimestamp: world.createdAt.getTime() / 1000,
    }));
  const { items, ...rest } = page(accounts, input, 'ListAccountsForParent');
  return { Accounts: items, ...rest };
}

/** The world's SCPs or RCPs as Organizations holds them (defaults included), as the emulator's model has them now. */
function policiesOf(world: World, type: PolicyType) {
  return (type === 'SERVICE_CONTROL_POLICY' ? world.model.scps : world.model.rcps).map((p) => p.spec);
}

function summary(world: World, type: PolicyType, name: string) {
  const id = policyId(type, name);
  const aws = name === 'FullAWSAccess' || name === 'RCPFullAWSAccess';
  const kind = type === 'SERVICE_CONTROL_POLICY' ? 'service_control_policy' : 'resource_control_policy';
  return {
    Id: id,
    Arn: aws
      ? `arn:aws:organizations::aws:policy/${kind}/${id}`
      : `${orgArn(world).replace(':organization/', ':policy/')}/${kind}/${id}`,
    Name: name,
    Description: aws ? 'Allows access to every operation' : '',
    Type: type,
    AwsManaged: aws,
  };
}

function policyType(input: Input): PolicyType {
  const filter = input.Filter;
  if (filter !== 'SERVICE_CONTROL_POLICY' && filter !== 'RESOURCE_CONTROL_POLICY')
    throw invalid('You provided a value that does not match the required pattern: Filter');
  return filter;
}

function knownTarget(world: World, id: string): void {
  const org = world.spec.organization;
  if (id !== org.rootId && !org.ous.some((o) => o.id === id) && org.ouPaths[id] === undefined)
    throw new OrganizationsError(
      400,
      'TargetNotFoundException',
      "We can't find a root, OU, account, or policy with the TargetId that you specified.",
    );
}

export function listPoliciesForTarget(world: World, input: Input) {
  const target = text(input, 'TargetId');
  const type = policyType(input);
  knownTarget(world, target);
  const attached = policiesOf(world, type)
    .filter((p) => p.targets.includes(target))
    .map((p) => summary(world, type, p.name));
  const { items, ...rest } = page(attached, input, 'ListPoliciesForTarget');
  return { Policies: items, ...rest };
}

function findPolicy(world: World, id: string) {
  for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
    const index = policiesOf(world, type).findIndex((p) => policyId(type, p.name) === id);
    if (index !== -1) return { type, index, spec: policiesOf(world, type)[index]! };
  }
  throw new OrganizationsError(
    400,
    'PolicyNotFoundException',
    "We can't find a policy with the PolicyId that you specified.",
  );
}

export function describePolicy(world: World, input: Input) {
  const { type, spec } = findPolicy(world, text(input, 'PolicyId'));
  return { Policy: { PolicySummary: summary(world, type, spec.name), Content: JSON.stringify(spec.document) } };
}

/** DetachPolicy: the policy no longer applies to the target, from the next request on. */
export function detachPolicy(world: World, input: Input) {
  const { type, index, spec } = findPolicy(world, text(input, 'PolicyId'));
  const target = text(input, 'TargetId');
  knownTarget(world, target);
  if (!spec.targets.includes(target))
    throw new OrganizationsError(
      400,
      'PolicyNotAttachedException',
      "Unable to detach the policy because it isn't attached to the target.",
    );
  const list = type === 'SERVICE_CONTROL_POLICY' ? world.model.scps : world.model.rcps;
  const compiled = list[index]!;
  list[index] = { ...compiled, spec: { ...spec, targets: spec.targets.filter((t) => t !== target) } };
  return {};
}
