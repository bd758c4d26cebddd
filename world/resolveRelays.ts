import { lambdaFunctionArn } from './arns';
import type { Fields } from './Fields';
import { readPolicyRef } from './readPolicyRef';
import type { RelaySpec, VpcSpec } from './types';

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Lambda's function name pattern (a name, not an ARN). */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface RelayScope {
  region: string;
  /** Account name → account ID. */
  accountIds: ReadonlyMap<string, string>;
  /** VPC name → VPC. */
  vpcs: ReadonlyMap<string, VpcSpec>;
  /** Where each policy document was read from: the relays' policies are recorded there. */
  policyFiles: Map<unknown, string>;
}

/**
 * `relays`: each a Lambda function in a VPC of its own account, its ARN derived from the account, the region and
 * the function name (default `lattice-e2e-relay-<name>`), with the function's resource-based policy when the world
 * gives one (validated as IAM validates a resource policy). Returns the relays by name.
 */
export function resolveRelays(f: Fields, value: unknown, scope: RelayScope): Map<string, RelaySpec> {
  const relays = new Map<string, RelaySpec>();
  if (value === undefined) return relays;
  const seenArns = new Map<string, string>();
  for (const [name, v] of Object.entries(f.object(value, 'relays'))) {
    const field = `relays.${name}`;
    if (!NAME.test(name))
      f.fail(field, 'names are 1 to 40 lower-case letters, digits and -, starting with a letter or digit');
    const r = f.object(v, field);
    f.known(r, field, ['account', 'vpc', 'functionName', 'policy']);
    const accountName = f.string(r.account, `${field}.account`);
    const account = scope.accountIds.get(accountName);
    if (account === undefined) f.fail(`${field}.account`, `unknown account "${accountName}"${known(scope.accountIds)}`);
    const vpcName = f.string(r.vpc, `${field}.vpc`);
    const vpc = scope.vpcs.get(vpcName);
    if (vpc === undefined) f.fail(`${field}.vpc`, `unknown VPC "${vpcName}"${known(scope.vpcs)}`);
    if (vpc.account !== account)
      f.fail(`${field}.vpc`, `VPC "${vpcName}" belongs to account ${vpc.account}, not to the relay's (${account})`);
    const functionName =
      r.functionName === undefined ? `lattice-e2e-relay-${name}` : f.string(r.functionName, `${field}.functionName`);
    if (!FUNCTION_NAME.test(functionName))
      f.fail(`${field}.functionName`, 'Lambda function names are 1 to 64 of letters, digits, - and _');
    const arn = lambdaFunctionArn(scope.region, account, functionName);
    const first = seenArns.get(arn);
    if (first !== undefined) f.fail(`${field}.functionName`, `function ${arn} is also ${first}`);
    seenArns.set(arn, field);
    const policy =
      r.policy === undefined ? undefined : readPolicyRef(r.policy, `${field}.policy`, 'resource', f, scope.policyFiles);
    relays.set(name, { name, account, vpc: vpc.id, functionName, arn, ...(policy !== undefined && { policy }) });
  }
  return relays;
}

/**
 * Where a caller sends from: its `vpc`, or its `relay`'s VPC. A caller that names both must name the relay's VPC.
 */
export function resolveCallerSource(
  f: Fields,
  c: Record<string, unknown>,
  field: string,
  vpcs: ReadonlyMap<string, VpcSpec>,
  relays: ReadonlyMap<string, RelaySpec>,
): { vpc: string; relay?: string } {
  const vpcOf = (at: string) => {
    const name = f.string(c.vpc, at);
    const vpc = vpcs.get(name);
    if (vpc === undefined) f.fail(at, `unknown VPC "${name}"${known(vpcs)}`);
    return vpc;
  };
  if (c.relay === undefined) return { vpc: vpcOf(`${field}.vpc`).id };
  const relayName = f.string(c.relay, `${field}.relay`);
  const relay = relays.get(relayName);
  if (relay === undefined) f.fail(`${field}.relay`, `unknown relay "${relayName}"${known(relays)}`);
  if (c.vpc !== undefined) {
    const vpc = vpcOf(`${field}.vpc`);
    if (vpc.id !== relay.vpc)
      f.fail(
        `${field}.vpc`,
        `a caller sends from its relay's VPC: relay "${relayName}" sends from ${relay.vpc}, not ${vpc.id}`,
      );
  }
  return { vpc: relay.vpc, relay: relayName };
}

function known(names: ReadonlyMap<string, unknown>): string {
  return ` (known: ${[...names.keys()].join(', ') || 'none'})`;
}
