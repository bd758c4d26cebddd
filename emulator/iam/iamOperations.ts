import { parsePolicy, PolicyError } from '../../policy';
import { withImplicitResource } from '../../world';
import type { Answer } from '../http/types';
import type { ResolvedRole, World } from '../world/World';
import { IamError, iamResultReply } from './iamXml';
import { managedPolicies, roleBoundary, rolePolicies, setRoleBoundary } from './rolePolicies';

/** IAM returns policy documents URL-encoded (RFC 3986), as AWS does. */
const encodeDocument = (document: unknown) => encodeURIComponent(JSON.stringify(document));

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '')
    throw new IamError(
      400,
      'ValidationError',
      `1 validation error detected: Value null at '${lowerFirst(name)}' ` +
        `failed to satisfy constraint: Member must not be null`,
    );
  return value;
}
const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

/** IAM's constraints on a role name (RoleName: 1 to 64 characters of `[\w+=,.@-]`). */
function validRoleName(name: string): string {
  const constraint =
    name.length > 64
      ? 'Member must have length less than or equal to 64'
      : /^[\w+=,.@-]+$/.test(name)
        ? undefined
        : 'Member must satisfy regular expression pattern: [\\w+=,.@-]+';
  if (constraint)
    throw new IamError(
      400,
      'ValidationError',
      `1 validation error detected: Value '${name.slice(0, 128)}' at 'roleName' failed to satisfy constraint: ` +
        constraint,
    );
  return name;
}

export function findRole(params: URLSearchParams, world: World, account: string): ResolvedRole {
  const name = validRoleName(required(params, 'RoleName'));
  const role = world.roles.find((r) => r.spec.name === name && r.spec.account === account);
  if (!role) throw new IamError(404, 'NoSuchEntity', `The role with name ${name.slice(0, 128)} cannot be found.`);
  return role;
}

/** `Marker` / `MaxItems` paging (MaxItems 1 to 1000, default 100), the Marker opaque. */
function page<T>(
  items: T[],
  params: URLSearchParams,
  action: string,
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxText = params.get('MaxItems');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new IamError(
      400,
      'ValidationError',
      `1 validation error detected: Value '${String(maxText).slice(0, 32)}' ` +
        `at 'maxItems' failed to satisfy constraint: Member must have value ` +
        `between 1 and 1000`,
    );
  }
  const marker = params.get('Marker');
  let offset = 0;
  if (marker !== null) {
    const decoded = /^[A-Za-z0-9_-]{1,256}$/.test(marker) ? Buffer.from(marker, 'base64url').toString('utf8') : '';
    const match = new RegExp(`^${action}:(\\d{1,6})$`).exec(decoded);
    if (!match) throw new IamError(400, 'ValidationError', 'Invalid Marker');
    offset = Number(match[1]);
  }
  const next = offset + max;
  return {
    items: items.slice(offset, next),
    IsTruncated: next < items.length,
    ...(next < items.length && { Marker: Buffer.from(`${action}:${next}`).toString('base64url') }),
  };
}

const tagList = (tags: Record<string, string> | undefined) =>
  Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

export function getRole(role: ResolvedRole, world: World): Answer {
  const boundary = roleBoundary(role, world);
  return iamResultReply('GetRole', {
    Role: {
      Path: '/',
      RoleName: role.spec.name,
      RoleId: role.roleId,
      Arn: role.arn,
      CreateDate: world.createdAt,
      AssumeRolePolicyDocument: encodeDocument(role.spec.trustPolicy),
      MaxSessionDuration: role.spec.maxSessionDurationSeconds ?? 3600,
      ...(boundary && {
        PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary.arn },
      }),
      ...(role.spec.tags && Object.keys(role.spec.tags).length > 0 && { Tags: tagList(role.spec.tags) }),
    },
  });
}

export function listRolePolicies(role: ResolvedRole, params: URLSearchParams, world: World): Answer {
  const names = rolePolicies(role, world).flatMap((p) => (p.kind === 'inline' ? [p.name] : []));
  const { items, ...rest } = page(names, params, 'ListRolePolicies');
  return iamResultReply('ListRolePolicies', { PolicyNames: items, ...rest });
}

export function getRolePolicy(role: ResolvedRole, params: URLSearchParams, world: World): Answer {
  const name = required(params, 'PolicyName');
  const policy = rolePolicies(role, world).find((p) => p.kind === 'inline' && p.name === name);
  if (!policy)
    throw new IamError(404, 'NoSuchEntity', `The role policy with name ${name.slice(0, 128)} cannot be found.`);
  return iamResultReply('GetRolePolicy', {
    RoleName: role.spec.name,
    PolicyName: name,
    PolicyDocument: encodeDocument(policy.document),
  });
}

export function listAttachedRolePolicies(role: ResolvedRole, params: URLSearchParams, world: World): Answer {
  const attached = rolePolicies(role, world).flatMap((p) =>
    p.kind === 'managed' ? [{ PolicyName: p.name, PolicyArn: p.arn }] : [],
  );
  const { items, ...rest } = page(attached, params, 'ListAttachedRolePolicies');
  return iamResultReply('ListAttachedRolePolicies', { AttachedPolicies: items, ...rest });
}

function findPolicy(params: URLSearchParams, world: World) {
  const arn = required(params, 'PolicyArn');
  const policy = managedPolicies(world).get(arn);
  if (!policy) throw new IamError(404, 'NoSuchEntity', `Policy ${arn.slice(0, 256)} was not found.`);
  return { arn, ...policy };
}

export function getPolicy(params: URLSearchParams, world: World): Answer {
  const p = findPolicy(params, world);
  return iamResultReply('GetPolicy', {
    Policy: {
      PolicyName: p.name,
      PolicyId: `ANPA${Buffer.from(p.arn).toString('hex').slice(-17).toUpperCase()}`,
      Arn: p.arn,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: p.attachments,
      IsAttachable: true,
      CreateDate: world.createdAt,
      UpdateDate: world.createdAt,
    },
  });
}

export function getPolicyVersion(params: URLSearchParams, world: World): Answer {
  const p = findPolicy(params, world);
  const versionId = required(params, 'VersionId');
  if (versionId !== 'v1')
    throw new IamError(
      404,
      'NoSuchEntity',
      `Policy ${p.arn} version ${versionId.slice(0, 32)} does not exist or is not attachable.`,
    );
  return iamResultReply('GetPolicyVersion', {
    PolicyVersion: {
      Document: encodeDocument(p.document),
      VersionId: 'v1',
      IsDefaultVersion: true,
      CreateDate: world.createdAt,
    },
  });
}

/** UpdateAssumeRolePolicy: a new trust policy, in force for the next AssumeRole. */
export function updateAssumeRolePolicy(role: ResolvedRole, params: URLSearchParams): Answer {
  const text = required(params, 'PolicyDocument');
  let document: unknown;
  try {
    document = JSON.parse(text);
    role.trustPolicy = {
      policy: parsePolicy(withImplicitResource(document), { kind: 'resource' }),
      source: withImplicitResource(document),
    };
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof PolicyError)
      throw new IamError(400, 'MalformedPolicyDocument', `Syntax errors in policy. ${error.message}`);
    throw error;
  }
  role.spec.trustPolicy = document;
  return iamResultReply('UpdateAssumeRolePolicy');
}

/** PutRolePermissionsBoundary: a managed policy of the world becomes the role's boundary, for the next session. */
export function putRolePermissionsBoundary(role: ResolvedRole, params: URLSearchParams, world: World): Answer {
  const arn = required(params, 'PermissionsBoundary');
  const policy = managedPolicies(world).get(arn);
  if (!policy)
    throw new IamError(404, 'NoSuchEntity', `Scope ARN: ${arn.slice(0, 256)} does not exist or is not attachable.`);
  role.boundary = {
    policy: parsePolicy(policy.document, { kind: 'identity' }),
    source: policy.document,
  };
  role.spec.permissionsBoundary = policy.document;
  setRoleBoundary(role, arn);
  return iamResultReply('PutRolePermissionsBoundary');
}
