import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { collect, failure, parseDocument, step } from './readSteps';
import { byKey, sortedTags, type DeployedIdentityPolicy, type DeployedReadError, type DeployedRole } from './types';

const accountOf = (arn: string) => arn.split(':')[4]!;

/** A managed policy's default version's document. */
async function managedDocument(iam: IAMClient, arn: string): Promise<unknown> {
  const policy = (await step('GetPolicy', () => iam.send(new GetPolicyCommand({ PolicyArn: arn })))).Policy!;
  const version = await step('GetPolicyVersion', () =>
    iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId! })),
  );
  return parseDocument(version.PolicyVersion?.Document, true, 'GetPolicyVersion');
}

/**
 * A caller role in full; a permissions boundary that cannot be read is recorded in `errors` (kind
 * `boundary`) and the role is read without it.
 */
export async function readDeployedRole(
  iam: IAMClient,
  roleArn: string,
  pageSize: number | undefined,
  errors: DeployedReadError[],
): Promise<DeployedRole> {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const role = (await step('GetRole', () => iam.send(new GetRoleCommand({ RoleName: name })))).Role!;
  const config = { client: iam, ...(pageSize && { pageSize }) };
  const identityPolicies: DeployedIdentityPolicy[] = [];
  for (const policyName of await collect(
    'ListRolePolicies',
    paginateListRolePolicies(config, { RoleName: name }),
    (p) => p.PolicyNames,
  )) {
    const out = await step('GetRolePolicy', () =>
      iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })),
    );
    identityPolicies.push({
      kind: 'inline',
      name: policyName,
      document: parseDocument(out.PolicyDocument, true, 'GetRolePolicy'),
    });
  }
  for (const attached of await collect(
    'ListAttachedRolePolicies',
    paginateListAttachedRolePolicies(config, { RoleName: name }),
    (p) => p.AttachedPolicies,
  )) {
    identityPolicies.push({
      kind: 'managed',
      name: attached.PolicyName!,
      arn: attached.PolicyArn!,
      document: await managedDocument(iam, attached.PolicyArn!),
    });
  }
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  let permissionsBoundary: DeployedRole['permissionsBoundary'];
  if (boundaryArn !== undefined) {
    try {
      permissionsBoundary = { arn: boundaryArn, document: await managedDocument(iam, boundaryArn) };
    } catch (error) {
      errors.push(failure('boundary', roleArn, error));
    }
  }
  return {
    arn: role.Arn!,
    account: accountOf(roleArn),
    name: role.RoleName!,
    trustPolicy: parseDocument(role.AssumeRolePolicyDocument, true, 'GetRole'),
    identityPolicies: identityPolicies.sort(byKey((p) => `${p.kind}:${p.name}`)),
    tags: sortedTags(Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? '']))),
    maxSessionDurationSeconds: role.MaxSessionDuration ?? 3600,
    ...(permissionsBoundary && { permissionsBoundary }),
  };
}
