import { readFileSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnvReader } from '../config/define';
import type { EnvironmentConfig } from '../config/types';
import { ConfigFileError, MissingEnvVarsError } from '../errors';
import { Fields } from '../../world/Fields';
import { parsePolicy, PolicyError } from '../../policy';
import type { ResolvedAuthPolicy, ResolvedCaller, ResolvedEnvironment, ResolvedReader } from './types';

/** Relative `authPolicies` files are read from here. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

type EnvironmentExport = EnvironmentConfig | ((env: EnvReader) => EnvironmentConfig);

/** Runs an environment function against `vars`, naming every required variable that is missing. */
function readEnvironment(value: EnvironmentExport, file: string, vars: NodeJS.ProcessEnv): unknown {
  if (typeof value !== 'function') return value;
  const missing: string[] = [];
  const reader: EnvReader = {
    required(name) {
      const v = vars[name];
      if (v === undefined || v === '') missing.push(name);
      return v ?? '';
    },
    optional: (name) => (vars[name] === '' ? undefined : vars[name]),
  };
  let config: EnvironmentConfig;
  try {
    config = value(reader);
  } catch (error) {
    // Often a consequence of a missing variable (e.g. new URL('')): name those first.
    if (missing.length > 0) throw new MissingEnvVarsError(file, [...new Set(missing)]);
    throw new ConfigFileError(file, undefined, `the environment function threw: ${(error as Error)?.message ?? error}`);
  }
  if (missing.length > 0) throw new MissingEnvVarsError(file, [...new Set(missing)]);
  return config;
}

const SIGNING = ['sigv4', 'sigv4a'] as const;

type RoleCaller = Extract<ResolvedCaller, { kind: 'role' }>;

/** A role to assume: a caller, or the reader of deployed policies. */
function readRole(
  value: unknown,
  field: string,
  name: string,
  f: Fields,
  signing: RoleCaller['signing'] = 'sigv4',
  relayAllowed = false,
): RoleCaller {
  const c = f.object(value, field);
  f.known(c, field, [
    'roleArn',
    'externalId',
    'sessionName',
    'durationSeconds',
    'sessionTags',
    'sessionPolicy',
    'sessionPolicyArns',
    'localAddress',
    'signing',
    ...(relayAllowed ? ['relay'] : []),
  ]);
  const roleArn = f.string(c.roleArn, `${field}.roleArn`);
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(roleArn))
    f.fail(`${field}.roleArn`, `must be an IAM role ARN, got ${JSON.stringify(roleArn)}`);
  return {
    kind: 'role',
    name,
    roleArn,
    externalId: f.optionalString(c.externalId, `${field}.externalId`),
    sessionName: sessionName(c.sessionName, name, `${field}.sessionName`, f),
    durationSeconds:
      c.durationSeconds === undefined ? 3600 : f.integer(c.durationSeconds, `${field}.durationSeconds`, 900, 43200),
    sessionTags: f.stringMap(c.sessionTags, `${field}.sessionTags`),
    ...readSessionPolicies(c, field, f),
    localAddress: f.optionalString(c.localAddress, `${field}.localAddress`),
    signing: c.signing === undefined ? signing : f.oneOf(c.signing, `${field}.signing`, SIGNING),
    ...readRelay(c, field, f),
  };
}

/** A Lambda function ARN (optionally qualified): what a relay is invoked by. */
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[\w$-]+)?$/;

/** A caller's `relay`: the ARN of the relay's Lambda function. */
function readRelay(c: Record<string, unknown>, field: string, f: Fields): { relay?: string } {
  if (c.relay === undefined) return {};
  const arn = f.string(c.relay, `${field}.relay`);
  if (!FUNCTION_ARN.test(arn))
    f.fail(
      `${field}.relay`,
      `must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), got ${JSON.stringify(arn)}`,
    );
  return { relay: arn };
}
/**
 * A caller's session policies for AssumeRole: `sessionPolicy`, an inline policy document (an
 * object, validated as an identity policy, at most 2048 characters as JSON), and `sessionPolicyArns`,
 * managed policy ARNs (at most 10).
 */
function readSessionPolicies(
  c: Record<string, unknown>,
  field: string,
  f: Fields,
): { sessionPolicy?: string; sessionPolicyArns?: string[] } {
  const out: { sessionPolicy?: string; sessionPolicyArns?: string[] } = {};
  if (c.sessionPolicy !== undefined) {
    const document = f.object(c.sessionPolicy, `${field}.sessionPolicy`);
    try {
      parsePolicy(document, { kind: 'identity' });
    } catch (error) {
      if (error instanceof PolicyError) f.fail(`${field}.sessionPolicy`, `invalid policy: ${error.message}`);
      throw error;
    }
    const text = JSON.stringify(document);
    if (text.length > 2048) {
      f.fail(`${field}.sessionPolicy`, `is ${text.length} characters as JSON; STS takes at most 2048`);
    }
    out.sessionPolicy = text;
  }
  if (c.sessionPolicyArns !== undefined) {
    const at = `${field}.sessionPolicyArns`;
    if (!Array.isArray(c.sessionPolicyArns) || c.sessionPolicyArns.length > 10) {
      f.fail(at, 'must be a list of at most 10 policy ARNs');
    }
    out.sessionPolicyArns = c.sessionPolicyArns.map((v, i) => {
      const arn = f.string(v, `${at}[${i}]`);
      if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+/.test(arn)) {
        f.fail(`${at}[${i}]`, `must be an IAM policy ARN, got ${JSON.stringify(arn)}`);
      }
      return arn;
    });
  }
  return out;
}

/** STS's RoleSessionName pattern. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function httpUrl(value: unknown, field: string, f: Fields): URL {
  const text = f.string(value, field);
  const url = URL.canParse(text) ? new URL(text) : f.fail(field, `is not a URL: ${JSON.stringify(text)}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') f.fail(field, 'must be http:// or https://');
  return url;
}

function sessionName(value: unknown, caller: string, field: string, f: Fields): string {
  const name = value === undefined ? `lattice-e2e-${caller}`.slice(0, 64) : f.string(value, field);
  if (!SESSION_NAME.test(name)) {
    f.fail(
      field,
      `${JSON.stringify(name)} is not a valid STS session name (2 to 64 of ` +
        `letters, digits and ` +
        `+=,.@_-)${value === undefined ? '; the caller name is part of the default: set sessionName' : ''}`,
    );
  }
  return name;
}

function readCaFile(path: string, f: Fields): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    f.fail('caFile', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) f.fail('caFile', `${path} holds no PEM certificate`);
  return pem;
}

function parseHostPort(text: string, field: string, f: Fields): { address: string; port: number } {
  const match = /^(\[[0-9a-f:.]+\]|[^:]+):(\d{1,5})$/i.exec(text);
  if (!match) f.fail(field, `must be "address:port", got ${JSON.stringify(text)}`);
  return { address: match[1].replace(/^\[|\]$/g, ''), port: f.integer(Number(match[2]), field, 1, 65535) };
}

const LATTICE_RESOURCE_ARN =
  /^arn:aws[\w-]*:vpc-lattice:[\w-]+:\d{12}:(service\/svc-[0-9a-z]+|servicenetwork\/sn-[0-9a-z]+)$/;

/** `authPolicies`: each key a service or service network ARN, each value a file that parses as a JSON object. */
function readAuthPolicies(value: unknown, f: Fields): ResolvedAuthPolicy[] {
  return Object.entries(f.stringMap(value, 'authPolicies')).map(([resourceArn, path]) => {
    const field = `authPolicies.${resourceArn}`;
    if (!LATTICE_RESOURCE_ARN.test(resourceArn))
      f.fail(
        field,
        'must be keyed by a VPC Lattice service or service network ARN ' +
          '(arn:aws:vpc-lattice:<region>:<account>:service/svc-... or ' +
          'servicenetwork/sn-...)',
      );
    const file = isAbsolute(path) ? path : resolvePath(PROJECT_ROOT, path);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      f.fail(field, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      f.fail(field, `${file} is not JSON: ${(error as Error).message}`);
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      f.fail(field, `${file} holds no policy document (a JSON object)`);
    return { resourceArn, file, document: document as Record<string, unknown> };
  });
}

/** `readers`: per 12-digit account ID, a role in that account (and optionally the account's name and membership). */
function readReaders(value: unknown, f: Fields): Record<string, ResolvedReader> {
  const readers: Record<string, ResolvedReader> = {};
  for (const [account, v] of Object.entries(f.object(value, 'readers'))) {
    const field = `readers.${account}`;
    if (!/^\d{12}$/.test(account)) f.fail(field, 'must be keyed by a 12-digit account ID');
    const { name, inOrganization, ...rest } = f.object(v, field);
    const role = readRole(rest, field, `reader-${account}`, f);
    if (role.roleArn.split(':')[4] !== account) f.fail(`${field}.roleArn`, `must be a role of account ${account}`);
    if (inOrganization !== undefined && typeof inOrganization !== 'boolean')
      f.fail(`${field}.inOrganization`, 'must be true or false');
    readers[account] = {
      role,
      ...(name !== undefined && { name: f.string(name, `${field}.name`) }),
      ...(inOrganization !== undefined && { inOrganization: inOrganization as boolean }),
    };
  }
  return readers;
}

/** Validates an environment file's export (the only place defaults are applied). */
export function resolveEnvironment(
  name: string,
  file: string,
  value: unknown,
  vars: NodeJS.ProcessEnv = process.env,
): ResolvedEnvironment {
  const f = new Fields(file);
  const raw = f.object(readEnvironment(value as EnvironmentExport, file, vars), 'default export');
  f.known(raw, '', [
    'world',
    'region',
    'organizationId',
    'callers',
    'services',
    'credentials',
    'stsEndpoint',
    'lambdaEndpoint',
    'resolve',
    'timeoutMs',
    'signing',
    'caFile',
    'authPolicies',
    'authPolicyReader',
    'readers',
  ]);
  const signing = raw.signing === undefined ? 'sigv4' : f.oneOf(raw.signing, 'signing', SIGNING);
  const callers: Record<string, ResolvedCaller> = {};
  for (const [callerName, v] of Object.entries(f.object(raw.callers, 'callers'))) {
    const field = `callers.${callerName}`;
    const c = f.object(v, field);
    if (c.anonymous === true) {
      f.known(c, field, ['anonymous', 'localAddress', 'relay']);
      callers[callerName] = {
        kind: 'anonymous',
        name: callerName,
        localAddress: f.optionalString(c.localAddress, `${field}.localAddress`),
        ...readRelay(c, field, f),
      };
      continue;
    }
    callers[callerName] = readRole(c, field, callerName, f, signing, true);
  }
  const services: ResolvedEnvironment['services'] = {};
  for (const [serviceName, v] of Object.entries(f.object(raw.services, 'services'))) {
    const field = `services.${serviceName}`;
    const s = f.object(v, field);
    f.known(s, field, ['url', 'arn']);
    const url = httpUrl(s.url, `${field}.url`, f);
    const arn = f.string(s.arn, `${field}.arn`);
    if (!/^arn:aws[\w-]*:vpc-lattice:[\w-]+:\d{12}:service\/svc-[0-9a-z]+$/.test(arn))
      f.fail(`${field}.arn`, `must be a VPC Lattice service ARN, got ${JSON.stringify(arn)}`);
    services[serviceName] = { name: serviceName, url, arn };
  }
  const resolve: ResolvedEnvironment['resolve'] = {};
  for (const [host, target] of Object.entries(f.stringMap(raw.resolve, 'resolve')))
    resolve[host.toLowerCase()] = parseHostPort(target, `resolve.${host}`, f);
  let credentials: ResolvedEnvironment['credentials'] = { kind: 'chain' };
  if (raw.credentials !== undefined) {
    const c = f.object(raw.credentials, 'credentials');
    f.known(c, 'credentials', ['source', 'profile']);
    f.oneOf(c.source, 'credentials.source', ['chain'] as const);
    credentials = { kind: 'chain', profile: f.optionalString(c.profile, 'credentials.profile') };
  }
  return {
    name,
    ...(raw.world !== undefined && { worldRef: f.string(raw.world, 'world') }),
    region: f.string(raw.region, 'region'),
    organizationId: f.optionalString(raw.organizationId, 'organizationId'),
    callers,
    services,
    credentials,
    stsEndpoint: raw.stsEndpoint === undefined ? undefined : httpUrl(raw.stsEndpoint, 'stsEndpoint', f).href,
    ...(raw.lambdaEndpoint !== undefined && { lambdaEndpoint: httpUrl(raw.lambdaEndpoint, 'lambdaEndpoint', f).href }),
    resolve,
    timeoutMs: raw.timeoutMs === undefined ? 10_000 : f.integer(raw.timeoutMs, 'timeoutMs', 100, 600_000),
    ca: raw.caFile === undefined ? undefined : readCaFile(f.string(raw.caFile, 'caFile'), f),
    ...(raw.authPolicies !== undefined && { authPolicies: readAuthPolicies(raw.authPolicies, f) }),
    ...(raw.authPolicyReader !== undefined && {
      authPolicyReader: readRole(raw.authPolicyReader, 'authPolicyReader', 'policy-reader', f),
    }),
    ...(raw.readers !== undefined && { readers: readReaders(raw.readers, f) }),
  };
}
