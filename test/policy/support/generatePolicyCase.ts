import { ACCOUNT, KEYS, OPERATORS_BY_TYPE, OTHER_ACCOUNT, ROLE_ARN, SERVICE_ARN, type KeySpec } from './keyCatalogue';
import { createRandom, type Random } from '../../support/random';

/** One generated policy and request (a vpc-lattice-svcs:Invoke). */
export interface GeneratedCase {
  index: number;
  policyType: 'identity' | 'resource';
  policy: { Version?: string; Statement: Record<string, unknown>[] };
  /** An IAM/STS ARN, a service principal, or 'anonymous'. */
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

export interface GenerateOptions {
  /** Statements per policy: 1..maxStatements. */
  maxStatements?: number;
  /** Share of resource policies (with Principal/NotPrincipal). */
  resourceShare?: number;
}

const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/caller/session-1`;
const PATHS = ['parking', 'parking/lot-1', 'admin', 'admin/users', 'Admin', 'api:v1/items'];
const ACTIONS = [
  '*',
  'vpc-lattice-svcs:Invoke',
  'vpc-lattice-svcs:*',
  'VPC-Lattice-Svcs:invoke',
  'vpc-lattice-svcs:Inv*',
  'vpc-lattice-svcs:Invok?',
  'vpc-lattice-svcs:Invoke?',
  's3:GetObject',
  'vpc-lattice:*',
];
const RESOURCES = [
  '*',
  `${SERVICE_ARN}/*`,
  `${SERVICE_ARN}/parking*`,
  `${SERVICE_ARN}/admin/*`,
  `${SERVICE_ARN}/?dmin`,
  `${SERVICE_ARN}/`,
  `arn:aws:vpc-lattice:*:${ACCOUNT}:service/*`,
  `arn:aws:vpc-lattice:us-east-1:*:service/svc-0123456789abcdef0/*`,
  `arn:aws:vpc-lattice:us-east-1:${OTHER_ACCOUNT}:service/*`,
  'arn:aws:vpc-lattice:*',
  `${SERVICE_ARN}/\${aws:PrincipalTag/team}*`,
  `${SERVICE_ARN}/parking`,
  `${SERVICE_ARN}/api:*`,
  `${SERVICE_ARN.toUpperCase()}/*`,
];
const REQUEST_PRINCIPALS = [
  ROLE_ARN,
  SESSION_ARN,
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/other/s2`,
  'anonymous',
];
const PRINCIPALS: readonly unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: ROLE_ARN },
  { AWS: SESSION_ARN },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
  { AWS: [OTHER_ACCOUNT, ROLE_ARN] },
  { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
  { AWS: [ROLE_ARN, `arn:aws:iam::${ACCOUNT}:root`] },
];

/** Generates case `index` of the sequence for `seed`; each case depends only on (seed, index). */
export function generatePolicyCase(seed: number, index: number, options: GenerateOptions = {}): GeneratedCase {
  const random = createRandom(seed * 1_000_003 + index);
  const policyType = random.chance(options.resourceShare ?? 0.3) ? 'resource' : 'identity';
  const principal =
    policyType === 'resource' ? random.pick(REQUEST_PRINCIPALS) : random.pick(REQUEST_PRINCIPALS.slice(0, 3));
  const statements = Array.from({ length: 1 + random.int(options.maxStatements ?? 3) }, () =>
    generateStatement(random, policyType),
  );
  const version = random.chance(0.9) ? '2012-10-17' : random.pick([undefined, '2008-10-17']);
  return {
    index,
    policyType,
    policy: { ...(version && { Version: version }), Statement: statements },
    principal,
    action: 'vpc-lattice-svcs:Invoke',
    resource: `${SERVICE_ARN}/${random.pick(PATHS)}`,
    context: generateContext(random),
  };
}

function generateStatement(random: Random, policyType: 'identity' | 'resource'): Record<string, unknown> {
  const effect = random.chance(0.7) ? 'Allow' : 'Deny';
  const statement: Record<string, unknown> = { Effect: effect };
  if (policyType === 'resource')
    statement[random.chance(0.15) ? 'NotPrincipal' : 'Principal'] = random.pick(PRINCIPALS);
  statement[random.chance(0.1) ? 'NotAction' : 'Action'] = oneOrMany(random, ACTIONS, 2);
  statement[random.chance(0.1) ? 'NotResource' : 'Resource'] = oneOrMany(random, RESOURCES, 2);
  if (random.chance(0.8)) statement.Condition = generateCondition(random);
  return statement;
}

function generateCondition(random: Random): Record<string, Record<string, string | string[]>> {
  const condition: Record<string, Record<string, string | string[]>> = {};
  const blocks = 1 + random.int(3);
  for (let i = 0; i < blocks; i++) {
    const spec = random.pick(KEYS);
    const operator = generateOperator(random, spec);
    const values =
      operator === 'Null'
        ? random.some(['true', 'false'], 1)
        : operator === 'BinaryEquals'
          ? random.some(
              spec.request.map((v) => Buffer.from(v).toString('base64')),
              2,
            )
          : random.some(spec.policy, 3);
    condition[operator] ??= {};
    condition[operator]![spec.key] = values.length === 1 && random.chance(0.5) ? values[0]! : values;
  }
  return condition;
}

function generateOperator(random: Random, spec: KeySpec): string {
  if (random.chance(0.06)) return 'Null';
  if (random.chance(0.03)) return 'BinaryEquals';
  const base = random.pick(OPERATORS_BY_TYPE[spec.type]);
  const setOperator =
    spec.type === 'strings'
      ? random.pick(['ForAnyValue:', 'ForAllValues:', 'ForAnyValue:', 'ForAllValues:', ''])
      : random.chance(0.08)
        ? random.pick(['ForAnyValue:', 'ForAllValues:'])
        : '';
  return `${setOperator}${base}${random.chance(0.2) ? 'IfExists' : ''}`;
}

function generateContext(random: Random): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const spec of KEYS) {
    if (!random.chance(0.65)) continue;
    context[spec.key] =
      spec.type === 'strings'
        ? random.some(spec.request, 3).slice(random.chance(0.1) ? 3 : 0)
        : random.pick(spec.request);
  }
  return context;
}

function oneOrMany(random: Random, pool: readonly string[], max: number): string | string[] {
  const values = random.some(pool, max);
  return values.length === 1 && random.chance(0.5) ? values[0]! : values;
}
