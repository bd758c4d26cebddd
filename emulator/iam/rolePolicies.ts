import { basename } from 'node:path';
import type { ResolvedRole, World } from '../world/World';

/** An identity policy of a role as IAM holds it: inline (by name) or a customer managed policy attached. */
export type RolePolicy =
  | { kind: 'inline'; name: string; document: unknown }
  | { kind: 'managed'; name: string; arn: string; document: unknown };

/**
 * A role's identity policies as IAM holds them. A policy the world file reads from a JSON file is
 * a customer managed policy of the role's account named after the file; an inline document is an
 * inline policy `identity-<n>`.
 */
export function rolePolicies(role: ResolvedRole, world: World): RolePolicy[] {
  const files = world.spec.policyFiles;
  let inline = 0;
  return role.spec.identityPolicies.map((document) => {
    const file = files?.get(document);
    if (file === undefined) return { kind: 'inline', name: `identity-${++inline}`, document };
    const name = basename(file).replace(/\.json$/i, '');
    return { kind: 'managed', name, arn: `arn:aws:iam::${role.spec.account}:policy/${name}`, document };
  });
}

/**
 * A role's permissions boundary as IAM holds it: always a managed policy of the role's account, named
 * after its JSON file, or `boundary-<role name>` for an inline document.
 */
export function roleBoundary(
  role: ResolvedRole,
  world: World,
): { name: string; arn: string; document: unknown } | undefined {
  const document = role.spec.permissionsBoundary;
  if (document === undefined) return undefined;
  const bound = boundaryArns.get(role.spec);
  if (bound !== undefined) {
    const known = managedPolicies(world).get(bound);
    if (known) return { name: known.name, arn: bound, document: known.document };
  }
  const file = world.spec.policyFiles?.get(document);
  const name = file === undefined ? `boundary-${role.spec.name}` : basename(file).replace(/\.json$/i, '');
  return { name, arn: `arn:aws:iam::${role.spec.account}:policy/${name}`, document };
}

/** Boundaries set by PutRolePermissionsBoundary, by role: the managed policy's ARN. */
const boundaryArns = new WeakMap<object, string>();

/** Records that `role`'s boundary is now the managed policy `arn` (its document already in the role's spec). */
export function setRoleBoundary(role: ResolvedRole, arn: string): void {
  boundaryArns.set(role.spec, arn);
}

type Managed = { name: string; document: unknown; attachments: number };

/**
 * Every customer managed policy of the world: by ARN, the document (the first holder's, when several
 * attach it). The world's managed policies, the roles' policies read from files and their boundaries.
 */
export function managedPolicies(world: World): Map<string, Managed> {
  const byArn = new Map<string, Managed>();
  for (const m of world.spec.managedPolicies ?? []) {
    byArn.set(`arn:aws:iam::${m.account}:policy/${m.name}`, { name: m.name, document: m.document, attachments: 0 });
  }
  const add = (arn: string, name: string, document: unknown) => {
    const known = byArn.get(arn);
    if (known) known.attachments++;
    else byArn.set(arn, { name, document, attachments: 1 });
  };
  for (const role of world.roles) {
    for (const p of rolePolicies(role, world)) if (p.kind === 'managed') add(p.arn, p.name, p.document);
  }
  for (const role of world.roles) {
    const document = role.spec.permissionsBoundary;
    if (document === undefined || boundaryArns.has(role.spec)) continue;
    const file = world.spec.policyFiles?.get(document);
    const name = file === undefined ? `boundary-${role.spec.name}` : basename(file).replace(/\.json$/i, '');
    add(`arn:aws:iam::${role.spec.account}:policy/${name}`, name, document);
  }
  return byArn;
}
