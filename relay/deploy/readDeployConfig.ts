import { readFileSync } from 'node:fs';
import { ConfigFileError } from '../../world/errors';

/** One consumer account's relay: where it is deployed and with which credentials. */
export interface RelayAccount {
  /** A label (stack names and messages use it). */
  name: string;
  /** The AWS CLI profile that deploys in this account... */
  profile?: string;
  /** ...or a role to assume for it, from the credentials in the environment (AWS_ACCESS_KEY_ID...). */
  roleArn?: string;
  /** A bucket of this account and region: `aws cloudformation package` uploads the bundle there. */
  bucket: string;
  /** Subnets of the consumer VPC associated with the service network. */
  subnetIds: string[];
  /** The consumer VPC (for the security group the stack creates), or... */
  vpcId?: string;
  /** ...security groups of the relay's own. */
  securityGroupIds?: string[];
  /** Optional: the VPC Lattice managed prefix list the created security group sends to. */
  egressPrefixListId?: string;
  /** Default `lattice-e2e-relay-<name>`. */
  stackName: string;
  /** Default: the file's `region`. */
  region: string;
}

export interface RelayDeployConfig {
  file: string;
  invokerRoleArn: string;
  allowedHosts: string[];
  accounts: RelayAccount[];
}

const NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
/** The function is named `<stack>-relay`, and a function name has 64 characters at most. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,57}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const ACCOUNT_FIELDS = new Set([
  ...['name', 'profile', 'roleArn', 'bucket', 'subnetIds', 'vpcId', 'securityGroupIds', 'egressPrefixListId'],
  ...['stackName', 'region'],
]);
const TOP_FIELDS = new Set(['region', 'invokerRoleArn', 'allowedHosts', 'accounts']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the relay deployment file (JSON): the region, the CI role that invokes the relays, the hosts
 * they may send to, and each consumer account. Every mistake names the file and the field.
 */
export function readDeployConfig(file: string): RelayDeployConfig {
  const fail = (field: string | undefined, detail: string) => new ConfigFileError(file, field, detail);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw fail(undefined, e.code === 'ENOENT' ? 'no such file' : `not JSON (${e.message})`);
  }
  if (!isObject(raw)) throw fail(undefined, 'not a JSON object');
  for (const key of Object.keys(raw)) if (!TOP_FIELDS.has(key)) throw fail(key, 'unknown field');
  const string = (o: Json, key: string, where: string, pattern?: RegExp, optional = false): string | undefined => {
    const value = o[key];
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || value === '') throw fail(`${where}${key}`, 'missing or not a string');
    if (pattern && !pattern.test(value)) throw fail(`${where}${key}`, `${JSON.stringify(value)} is not valid`);
    return value;
  };
  const strings = (o: Json, key: string, where: string, pattern: RegExp, optional = false): string[] | undefined => {
    const value = o[key];
    if (value === undefined && optional) return undefined;
    if (!Array.isArray(value) || value.length === 0) throw fail(`${where}${key}`, 'missing or not a non-empty list');
    value.forEach((v, i) => {
      if (typeof v !== 'string' || !pattern.test(v))
        throw fail(`${where}${key}[${i}]`, `${JSON.stringify(v)} is not valid`);
    });
    return value as string[];
  };
  const region = string(raw, 'region', '', REGION, true);
  const invokerRoleArn = string(raw, 'invokerRoleArn', '', ROLE_ARN)!;
  const allowedHosts = strings(raw, 'allowedHosts', '', HOST)!;
  if (!Array.isArray(raw.accounts) || raw.accounts.length === 0)
    throw fail('accounts', 'missing or not a non-empty list');
  const names = new Set<string>();
  const accounts = raw.accounts.map((entry, i): RelayAccount => {
    const where = `accounts[${i}].`;
    if (!isObject(entry)) throw fail(`accounts[${i}]`, 'not an object');
    for (const key of Object.keys(entry)) if (!ACCOUNT_FIELDS.has(key)) throw fail(`${where}${key}`, 'unknown field');
    const name = string(entry, 'name', where, NAME)!;
    if (names.has(name)) throw fail(`${where}name`, `${name} is given twice`);
    names.add(name);
    const profile = string(entry, 'profile', where, /^[\w.+-]+$/, true);
    const roleArn = string(entry, 'roleArn', where, ROLE_ARN, true);
    if ((profile === undefined) === (roleArn === undefined))
      throw fail(`${where}profile`, `account ${name}: give either profile or roleArn (the credentials to deploy with)`);
    const vpcId = string(entry, 'vpcId', where, /^vpc-[0-9a-f]+$/, true);
    const securityGroupIds = strings(entry, 'securityGroupIds', where, /^sg-[0-9a-f]+$/, true);
    if (!vpcId && !securityGroupIds)
      throw fail(`${where}vpcId`, `account ${name}: give vpcId (a security group is created) or securityGroupIds`);
    const accountRegion = string(entry, 'region', where, REGION, true) ?? region;
    if (!accountRegion) throw fail(`${where}region`, `account ${name}: no region (here or at the top of the file)`);
    return {
      name,
      profile,
      roleArn,
      bucket: string(entry, 'bucket', where, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)!,
      subnetIds: strings(entry, 'subnetIds', where, /^subnet-[0-9a-f]+$/)!,
      vpcId,
      securityGroupIds,
      egressPrefixListId: string(entry, 'egressPrefixListId', where, /^pl-[0-9a-f]+$/, true),
      stackName: string(entry, 'stackName', where, STACK_NAME, true) ?? `lattice-e2e-relay-${name}`,
      region: accountRegion,
    };
  });
  return { file, invokerRoleArn, allowedHosts, accounts };
}
