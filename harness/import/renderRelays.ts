import type { ResolvedEnvironment } from '../resolve/types';
import { unqualifiedFunctionArn } from './readDeployedRelay';
import { keyOf } from './renderWorldFile';
import type { DeployedOrganization, DeployedRelay } from './types';

/** The name a world gives a relay whose function is not named for it (`lattice-e2e-relay-<name>`). */
const DEFAULT_PREFIX = 'lattice-e2e-relay-';
const RELAY_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface RenderedRelays {
  /** `relays` of the world file, by name. */
  config: Record<string, unknown>;
  /** The relay's name by its function's (unqualified) ARN. */
  nameOf: ReadonlyMap<string, string>;
  /** Why a caller's relay cannot be written: each names the caller, the function and what is wrong. */
  problems: string[];
}

/** A relay's name: its function's name without the default prefix when that is a valid name, else the key of it. */
function plainName(r: DeployedRelay): string {
  const rest = r.functionName.startsWith(DEFAULT_PREFIX) ? r.functionName.slice(DEFAULT_PREFIX.length) : undefined;
  return rest !== undefined && RELAY_NAME.test(rest) ? rest : keyOf(r.functionName);
}

/**
 * The world's `relays` for a deployed organization: each function's account, VPC (an ID of the world's `vpcs`),
 * function name (when not the default for its name) and resource-based policy (a file `relay-<name>`). A caller's
 * relay must be deployed and run in a VPC of the world that its own account owns: else a problem naming the caller.
 */
export function renderRelays(
  org: DeployedOrganization,
  env: ResolvedEnvironment,
  accountKey: ReadonlyMap<string, string>,
  policyFile: (file: string, document: unknown) => string,
): RenderedRelays {
  const problems: string[] = [];
  const nameOf = new Map<string, string>();
  const taken = (name: string) => org.relays.filter((r) => plainName(r) === name).length > 1;
  for (const r of org.relays) {
    const plain = plainName(r);
    nameOf.set(r.arn, taken(plain) ? keyOf(`${plain.slice(0, 27)}-${r.account}`) : plain);
  }
  for (const [callerName, c] of Object.entries(env.callers).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (c.relay === undefined || c.kind === 'user') continue;
    const arn = unqualifiedFunctionArn(c.relay);
    const relay = org.relays.find((r) => r.arn === arn);
    const vpc = relay?.vpc && org.vpcs.find((v) => v.id === relay.vpc);
    const problem = !relay
      ? 'is not deployed (GetFunctionConfiguration: ResourceNotFoundException)'
      : c.kind === 'anonymous'
        ? 'is of an unsigned caller: a relay sends signed requests only'
        : !relay.vpc
          ? 'runs in no VPC: a relay sends from a VPC of the world'
          : !vpc
            ? `runs in VPC ${relay.vpc}, which is not one of the world's VPCs (those associated with a service ` +
              `network: ${org.vpcs.map((v) => v.id).join(', ') || 'none'})`
            : vpc.account !== relay.account
              ? `runs in VPC ${relay.vpc} of account ${vpc.account}, not in one of its own account ${relay.account}`
              : undefined;
    if (problem) problems.push(`caller "${callerName}": relay ${arn} ${problem}`);
  }
  const config = Object.fromEntries(
    org.relays.map((r) => {
      const name = nameOf.get(r.arn)!;
      return [
        name,
        {
          account: accountKey.get(r.account)!,
          vpc: r.vpc,
          ...(r.functionName !== `${DEFAULT_PREFIX}${name}` && { functionName: r.functionName }),
          ...(r.policy !== undefined && { policy: policyFile(`relay-${name}`, r.policy) }),
        },
      ];
    }),
  );
  return { config, nameOf, problems };
}
