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

/** Every customer managed policy of the world: by ARN, the document (the first role's, when several attach it). */
export function managedPolicies(world: World): Map<string, { name: string; document: unknown; attachments: number }> {
  const byArn = new Map<string, { name: string; document: unknown; attachments: number }>();
  for (const role of world.roles) {
    for (const p of rolePolicies(role, world)) {
      if (p.kind !== 'managed') continue;
      const known = byArn.get(p.arn);
      if (known) known.attachments++;
      else byArn.set(p.arn, { name: p.name, document: p.document, attachments: 1 });
    }
  }
  return byArn;
}
