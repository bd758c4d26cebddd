import { UserError } from '../errors';
import type { ResolvedEnvironment } from '../resolve/types';
import { unqualifiedFunctionArn } from './readDeployedRelay';
import { renderOrganizationTree } from './renderOrganizationTree';
import { renderRelays } from './renderRelays';
import type { DeployedOrganization } from './types';

/** Code written as is into the world file (an environment variable read). */
class Code {
  constructor(readonly text: string) {}
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const propertyName = (key: string) => (IDENTIFIER.test(key) ? key : quote(key));

/** A value as a TypeScript literal, two-space indented, keys in the order given. */
function literal(value: unknown, indent = ''): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${literal(v, inner)},\n`).join('')}${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${propertyName(k)}: ${literal(v, inner)},\n`).join('')}${indent}}`;
}

/** A world-file key: lower-case letters, digits and -, at most 40. */
export const keyOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40) || 'x';
const envName = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export interface RenderedWorld {
  /** The world file's text. */
  world: string;
  /** Policy files, by path relative to the world file's folder (`<name>/...json`), sorted. */
  policies: [string, string][];
  /** What the import could not read and wrote a stand-in for, for the user to review. */
  notes: string[];
}

/**
 * A world file (defineWorld) for a deployed organization, with its policies in JSON files beside
 * it. The same organization always gives the same bytes. External IDs stay in environment
 * variables (`process.env.LATTICE_E2E_EXTERNAL_ID_<CALLER>`).
 */
export function renderWorldFile(
  org: DeployedOrganization,
  env: ResolvedEnvironment,
  name: string,
  worldImport = '../../world',
): RenderedWorld {
  const policies = new Map<string, string>();
  const notes: string[] = [];
  const policyFile = (file: string, document: unknown) => {
    const path = `${name}/${file}.json`;
    policies.set(path, `${JSON.stringify(document, null, 2)}\n`);
    return path;
  };
  // The runner's account (whose credentials read the organization) belongs in the world even when it owns nothing.
  const allAccounts = [...org.accounts];
  if (org.runnerAccount !== undefined && !allAccounts.some((a) => a.id === org.runnerAccount)) {
    allAccounts.push({ id: org.runnerAccount, inOrganization: org.organizationId !== undefined });
  }
  // Every account of the organization's tree: guardrails may be attached to any of them.
  for (const a of org.organization?.accounts ?? []) {
    if (!allAccounts.some((b) => b.id === a.id)) allAccounts.push({ id: a.id, name: a.name, inOrganization: true });
  }
  allAccounts.sort((a, b) => (a.id < b.id ? -1 : 1));
  const accountKey = new Map(allAccounts.map((a) => [a.id, keyOf(a.name ?? `account-${a.id}`)]));
  const tree = org.organization && renderOrganizationTree(org.organization, accountKey, policyFile);
  const accounts = Object.fromEntries(
    allAccounts.map((a) => [
      accountKey.get(a.id)!,
      {
        id: a.id,
        ...(org.organizationId !== undefined && !a.inOrganization && { inOrganization: false }),
        ...(tree?.ouOf.has(a.id) && { ou: tree.ouOf.get(a.id) }),
      },
    ]),
  );
  const vpcs: Record<string, unknown> = Object.fromEntries(
    org.vpcs.map((v) => [v.id, { account: accountKey.get(v.account)!, id: v.id }]),
  );
  const roleKeys = new Map<string, string>();
  for (const r of org.roles) {
    const plain = keyOf(r.name);
    const taken = [...roleKeys.values()].includes(plain) || org.roles.filter((o) => keyOf(o.name) === plain).length > 1;
    roleKeys.set(r.arn, taken ? keyOf(`${r.name.slice(0, 27)}-${r.account}`) : plain);
  }
  const roles = Object.fromEntries(
    org.roles.map((r) => {
      const key = roleKeys.get(r.arn)!;
      return [
        key,
        {
          account: accountKey.get(r.account)!,
          name: r.name,
          trustPolicy: policyFile(`trust-${key}`, r.trustPolicy),
          ...(r.identityPolicies.length > 0 && {
            identityPolicies: r.identityPolicies.map((p) => policyFile(`identity-${key}-${keyOf(p.name)}`, p.document)),
          }),
          ...(Object.keys(r.tags).length > 0 && { tags: r.tags }),
          ...(r.maxSessionDurationSeconds !== 3600 && { maxSessionDurationSeconds: r.maxSessionDurationSeconds }),
          ...(r.permissionsBoundary && {
            permissionsBoundary: policyFile(`boundary-${key}`, r.permissionsBoundary.document),
          }),
        },
      ];
    }),
  );
  const networkKey = new Map(org.serviceNetworks.map((n) => [n.id, keyOf(n.name)]));
  const serviceKey = new Map(org.services.map((s) => [s.id, keyOf(s.name)]));
  const serviceNetworks = Object.fromEntries(
    org.serviceNetworks.map((n) => {
      const key = networkKey.get(n.id)!;
      const held = org.services.filter((s) => s.serviceNetworks.includes(n.id)).map((s) => serviceKey.get(s.id)!);
      return [
        key,
        {
          account: accountKey.get(n.account)!,
          id: n.id,
          authType: n.authType,
          ...(n.policy !== undefined && { authPolicy: policyFile(`network-${key}`, n.policy) }),
          ...(n.vpcs.length > 0 && { vpcs: n.vpcs }),
          ...(held.length > 0 && { services: held }),
          ...(Object.keys(n.tags).length > 0 && { tags: n.tags }),
        },
      ];
    }),
  );
  const services = Object.fromEntries(
    org.services.map((s) => {
      const key = serviceKey.get(s.id)!;
      return [
        key,
        {
          account: accountKey.get(s.account)!,
          id: s.id,
          authType: s.authType,
          ...(s.policy !== undefined && { authPolicy: policyFile(`service-${key}`, s.policy) }),
          ...(Object.keys(s.tags).length > 0 && { tags: s.tags }),
          listeners: s.listeners.map((l) => ({ protocol: l.protocol, port: l.port })),
          ...(s.customDomainName && { customDomainName: s.customDomainName }),
          target: { fixed: { status: 200, body: '' } },
        },
      ];
    }),
  );
  if (org.services.length > 0)
    notes.push('targets are not read from AWS: every service answers 200 with an empty body in the local world');
  // The runner: a stand-in user of the account that read the organization, allowed to assume the caller roles.
  const runnerAccount = org.runnerAccount ?? org.roles[0]?.account ?? org.accounts[0]?.id;
  if (runnerAccount === undefined) throw new Error('the environment shows no account: give it readers or callers');
  let runnerVpc = org.vpcs.find((v) => v.account === runnerAccount)?.id ?? org.vpcs[0]?.id;
  if (runnerVpc === undefined) {
    runnerVpc = 'runner-vpc';
    vpcs[runnerVpc] = { account: accountKey.get(runnerAccount)! };
    notes.push('no VPC is associated with a service network: the runner sends from a stand-in VPC');
  }
  const vpcOf = (account: string) => org.vpcs.find((v) => v.account === account)?.id ?? runnerVpc!;
  const relays = renderRelays(org, env, accountKey, policyFile);
  if (relays.problems.length > 0)
    throw new UserError(
      'IMPORT_RELAY',
      `environment "${env.name}": a caller's relay cannot be written in the world; nothing was written:\n` +
        relays.problems.map((p) => `  ${p}`).join('\n'),
    );
  const callers: Record<string, unknown> = {};
  for (const [callerName, c] of Object.entries(env.callers).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const key = keyOf(callerName);
    if (c.kind === 'role') {
      const role = org.roles.find((r) => r.arn === c.roleArn);
      if (!role) continue;
      // Through a relay, the caller sends from the relay's VPC.
      const relay = c.relay === undefined ? undefined : relays.nameOf.get(unqualifiedFunctionArn(c.relay));
      callers[key] = {
        role: roleKeys.get(role.arn)!,
        ...(relay === undefined ? { vpc: vpcOf(role.account) } : { relay }),
        ...(c.externalId !== undefined && {
          externalId: new Code(`process.env.LATTICE_E2E_EXTERNAL_ID_${envName(callerName)}`),
        }),
      };
    } else if (c.kind === 'anonymous') {
      callers[key] = { anonymous: true, vpc: runnerVpc };
    }
  }
  if (Object.values(env.callers).some((c) => c.kind === 'role' && c.externalId !== undefined)) {
    notes.push(
      'external IDs are read from LATTICE_E2E_EXTERNAL_ID_<CALLER> when the world is loaded; none is written to a file',
    );
  }
  const relayArns = org.relays.map((r) => r.arn);
  if (relayArns.length > 0)
    notes.push("the runner's identity policy is not read: it may invoke the relays (lambda:InvokeFunction)");
  const config = {
    region: org.region,
    ...(org.organizationId !== undefined && { organization: { id: org.organizationId, ...tree?.config } }),
    accounts,
    vpcs,
    users: {
      runner: {
        account: accountKey.get(runnerAccount)!,
        name: 'lattice-e2e-runner',
        identityPolicies: [
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sts:AssumeRole', 'sts:TagSession'],
                Resource: org.roles.length > 0 ? org.roles.map((r) => r.arn) : '*',
              },
              ...(relayArns.length > 0
                ? [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: relayArns }]
                : []),
            ],
          },
        ],
      },
    },
    roles,
    serviceNetworks,
    services,
    ...(org.relays.length > 0 && { relays: relays.config }),
    callers,
    runner: { user: 'runner', vpc: runnerVpc },
  };
  const header =
    `import { defineWorld } from '${worldImport}';\n\n` +
    `// Imported from environment "${env.name}" by \`npm run world -- ` +
    `import\`. What AWS does not show is a stand-in:\n` +
    notes.map((n) => `// - ${n}.\n`).join('') +
    `// The runner is a stand-in user of the account whose credentials read the organization.\n`;
  return {
    world: `${header}export default defineWorld(${literal(config)});\n`,
    policies: [...policies].sort(([a], [b]) => (a < b ? -1 : 1)),
    notes,
  };
}
