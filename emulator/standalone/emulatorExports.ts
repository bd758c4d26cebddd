import type { LocalWorld } from '../startLocalWorld';
import type { ResolvedRole, World } from '../world/World';

/** `consumer-b` → `CONSUMER_B`: a name as it may appear inside an environment variable name. */
export const envName = (name: string): string =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** The external ID a role's trust policy requires (`StringEquals` on `sts:ExternalId`), if any. */
export function externalIdOf(trustPolicy: unknown): string | undefined {
  const statements = (trustPolicy as { Statement?: unknown })?.Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const condition = statement as { Effect?: string; Condition?: Record<string, Record<string, unknown>> } | undefined;
    if (condition?.Effect !== 'Allow' || !condition.Condition) continue;
    for (const [operator, keys] of Object.entries(condition.Condition)) {
      if (!/^StringEquals$/i.test(operator) || typeof keys !== 'object' || keys === null) continue;
      for (const [key, value] of Object.entries(keys)) {
        if (key.toLowerCase() !== 'sts:externalid') continue;
        const first = Array.isArray(value) ? value[0] : value;
        if (typeof first === 'string') return first;
      }
    }
  }
  return undefined;
}

/** `LATTICE_E2E_ROLE_<ACCOUNT NAME>_<ROLE NAME>`: role names repeat across accounts, so both are in it. */
function rolePrefix(role: ResolvedRole, world: World): string {
  const account = world.spec.accounts.find((a) => a.id === role.spec.account)?.name ?? role.spec.account;
  return `LATTICE_E2E_ROLE_${envName(account)}_${envName(role.spec.name)}`;
}

/**
 * The environment a process needs to use the running local world: the runner's keys (the local
 * world's own throwaway credentials), the AWS SDK endpoint overrides, and the world's services,
 * roles, CA file, data plane and admin endpoint. Names are documented in emulator/README.md.
 */
export function emulatorExports(local: LocalWorld, caFile: string): [string, string][] {
  const { world } = local;
  const pairs: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', world.runnerKey.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', world.runnerKey.secretAccessKey],
    ['AWS_REGION', world.spec.region],
    // AWS CLI v1 and botocore read only this one.
    ['AWS_DEFAULT_REGION', world.spec.region],
    ['AWS_ENDPOINT_URL_STS', local.stsEndpoint],
    ['AWS_ENDPOINT_URL_VPC_LATTICE', local.controlPlaneEndpoint],
    ['AWS_ENDPOINT_URL_IAM', local.iamEndpoint],
    ['AWS_ENDPOINT_URL_ORGANIZATIONS', local.organizationsEndpoint],
    ['AWS_ENDPOINT_URL_LAMBDA', local.lambdaEndpoint],
    ['LATTICE_E2E_CA_FILE', caFile],
    ['LATTICE_E2E_DATA_PLANE', `${local.dataPlane.address}:${local.dataPlane.port}`],
    ['LATTICE_E2E_DATA_PLANE_HTTPS', `${local.https.address}:${local.https.port}`],
    ['LATTICE_E2E_ADMIN_URL', local.adminUrl],
  ];
  for (const service of local.services) {
    const prefix = `LATTICE_E2E_SERVICE_${envName(service.name)}`;
    pairs.push(
      [`${prefix}_URL`, service.httpUrl],
      [`${prefix}_HTTPS_URL`, service.httpsUrl],
      [`${prefix}_ARN`, service.arn],
      [`${prefix}_DOMAIN`, service.domain],
    );
  }
  for (const role of world.roles) {
    const prefix = rolePrefix(role, world);
    pairs.push([`${prefix}_ARN`, role.arn]);
    const externalId = externalIdOf(role.spec.trustPolicy);
    if (externalId !== undefined) pairs.push([`${prefix}_EXTERNAL_ID`, externalId]);
  }
  for (const relay of world.spec.relays ?? []) pairs.push([`LATTICE_E2E_RELAY_${envName(relay.name)}_ARN`, relay.arn]);
  return pairs;
}

/** Single-quotes a value for POSIX shells. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** `export NAME='value'` lines, one per variable, for a shell to `source` or `eval`. */
export function formatExports(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `export ${name}=${shellQuote(value)}\n`).join('');
}
