import { parsePolicy, PolicyError, type Policy, type PolicyKind, type SourceOrgIdMode } from '../../../policy';
import { SOURCE_ORG_ID_MEANINGS } from '../describeSourceOrgId';
import type { LintFinding, LintRule } from '../types';
import { canMatchPrefix } from './canMatchPrefix';
import { isInvokeKey, suggestInvokeKey } from './latticeKeys';

const INVOKE = 'vpc-lattice-svcs:Invoke';

/** What a policy is for, which decides the lints that apply to it. */
export interface LintTarget {
  /** What the policy belongs to, e.g. `service parking auth policy`. */
  policy: string;
  file?: string;
  /**
   * `auth`: a service network or service auth policy (only ever asked about Invoke);
   * `identity`: a caller role's identity policy (its Invoke statements are linted);
   * `other`: parsed only (trust policies, the runner's policy).
   */
  use: 'auth' | 'identity' | 'other';
  kind: PolicyKind;
  /** For an auth policy: the services whose Invokes it decides (one for a service, the network's for a network). */
  serviceArns?: string[];
  /** The world's reading of aws:SourceOrgID, named in that lint. */
  sourceOrgIdMode?: SourceOrgIdMode;
  /**
   * The client that sends the requests this policy decides (a trust policy: the runner's STS client; a
   * relay's function policy: its Lambda client): its conditions on keys only that client's request
   * carries (aws:UserAgent) are linted.
   */
  decidesClientRequests?: boolean;
}

/** Keys whose value is what the caller's client sends, which check does not know. */
const CLIENT_KEYS = new Set(['aws:useragent']);

type Statement = Policy['statements'][number];

const WHY: Record<Exclude<LintRule, 'invalid-policy' | 'engine-warning'>, string> = {
  'action-never-invoke':
    'an auth policy is only ever asked about vpc-lattice-svcs:Invoke, so ' +
    'this statement never applies: an Allow allows nothing, a Deny denies ' +
    'nothing',
  'unknown-condition-key':
    'Lattice does not put this key in an Invoke request, so it is always ' +
    'absent: a plain operator never matches (the statement never applies), ' +
    'a negated operator or ...IfExists always does',
  'source-org-id':
    'aws:SourceOrgID is not documented for VPC Lattice (IAM defines it for ' +
    'service-to-service requests). It could mean ' +
    `(1) ${SOURCE_ORG_ID_MEANINGS.principal}; (2) ` +
    `${SOURCE_ORG_ID_MEANINGS['source-vpc-owner']}: an out-of-org principal ` +
    `in an in-org VPC passes, an in-org principal in an outside VPC fails; ` +
    `(3) ${SOURCE_ORG_ID_MEANINGS.absent}, and a StringEquals on it refuses everyone. ` +
    "AWS's own example uses aws:PrincipalOrgID for the principal's " +
    'organization; vpc-lattice-svcs:SourceVpcOwnerAccount names the source ' +
    "VPC's owner. Say which you mean, or find out which reading your " +
    'service network follows with a caller whose principal and VPC are in ' +
    'different organizations',
  'resource-other-service':
    "an Invoke's resource is the service ARN plus the request path " +
    '(arn:aws:vpc-lattice:<region>:<account>:service/<id>/<path>): this ' +
    'pattern never matches a request this policy decides, so it lets ' +
    'nothing through (or denies nothing)',
  'query-string-single-valued':
    'vpc-lattice-svcs:RequestQueryString/<key> holds one value per occurrence of the key. With one value it is a ' +
    'single-valued key and a plain operator compares it; with several it is multivalued, and a plain operator never ' +
    'matches, negated or not (IAM User Guide, "Single-valued vs. ' +
    'multivalued context keys": "Multivalued context keys ' +
    'require a condition set operator"). In a Deny, a caller who repeats ' +
    'the key (?k=a&k=a) turns the condition false ' +
    'and walks past the Deny. ForAnyValue:<operator> denies when any value ' +
    'matches (add a Null check if the Deny must ' +
    'also hold when the key is absent)',
  'client-dependent-key':
    'aws:UserAgent is the User-Agent header of the request: what the AWS SDK of the runner sends ' +
    '(its version, the OS, the Node.js version), which changes with every upgrade. check does not ' +
    'know it and predicts the key as absent, so its prediction may differ from what the local world and ' +
    'AWS decide; AWS also warns that a client may send any User-Agent, so it guards nothing',
};

const statementWhere = (s: Statement) => `Statement[${s.index}]${s.sid !== undefined ? ` (Sid "${s.sid}")` : ''}`;

/**
 * Lints one policy: it must parse (an `error` otherwise), then the engine's warnings and the
 * Lattice lints (`warning`s): statements that never see an Invoke, condition keys an Invoke does
 * not carry, aws:SourceOrgID, resources of other services, Denies that a repeated query key walks past.
 */
export function lintPolicy(document: unknown, target: LintTarget): LintFinding[] {
  const base = { policy: target.policy, ...(target.file !== undefined && { file: target.file }) };
  let policy: Policy;
  try {
    policy = parsePolicy(document, { kind: target.kind });
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return [
      {
        severity: 'error',
        rule: 'invalid-policy',
        ...base,
        where: error.where || '(document)',
        message: error.message,
      },
    ];
  }
  const findings: LintFinding[] = policy.warnings.map((warning) => {
    const at = warning.indexOf(': ');
    return {
      severity: 'warning',
      rule: 'engine-warning',
      ...base,
      where: at === -1 ? '' : warning.slice(0, at),
      message: at === -1 ? warning : warning.slice(at + 2),
    };
  });
  const warn = (rule: keyof typeof WHY, where: string, message: string, why = WHY[rule]) =>
    findings.push({ severity: 'warning', rule, ...base, where, message, why });
  if (target.decidesClientRequests) {
    for (const statement of policy.statements)
      for (const condition of statement.conditions)
        if (CLIENT_KEYS.has(condition.key.toLowerCase()))
          warn(
            'client-dependent-key',
            `${statementWhere(statement)}.Condition.${condition.operator}.${condition.key}`,
            `${condition.key} is the client's User-Agent header: check predicts it as absent`,
          );
  }
  if (target.use === 'other') return findings;

  for (const statement of policy.statements) {
    const where = statementWhere(statement);
    const seesInvoke = statement.action.matcher.matches(INVOKE) !== statement.action.negated;
    if (!seesInvoke) {
      // An identity policy may well hold statements for other actions.
      if (target.use === 'auth') {
        const element = statement.action.negated ? 'NotAction' : 'Action';
        warn(
          'action-never-invoke',
          `${where}.${element}`,
          `${element} ${JSON.stringify(statement.action.matcher.patterns)} ` +
            `${statement.action.negated ? 'excludes' : 'never matches'} ${INVOKE}`,
        );
      }
      continue;
    }
    for (const condition of statement.conditions) {
      const at = `${where}.Condition.${condition.operator}.${condition.key}`;
      const lower = condition.key.toLowerCase();
      if (!isInvokeKey(condition.key)) {
        const hint = suggestInvokeKey(condition.key);
        warn(
          'unknown-condition-key',
          at,
          `${condition.key} is not a key of an Invoke request${hint ? ` (did you mean ${hint}?)` : ''}`,
        );
      } else if (lower === 'aws:sourceorgid') {
        const mode = target.sourceOrgIdMode
          ? ` The local world reads it as "${target.sourceOrgIdMode}" (WorldSpec.sourceOrgIdMode).`
          : '';
        warn(
          'source-org-id',
          at,
          `aws:SourceOrgID is undocumented for VPC Lattice: which organization it names is a guess`,
          `${WHY['source-org-id']}.${mode}`,
        );
      }
      const queryKey = lower.startsWith('vpc-lattice-svcs:requestquerystring/');
      if (queryKey && statement.effect === 'Deny' && condition.quantifier === 'single' && !condition.nullCheck) {
        const fix = `ForAnyValue:${condition.operator.replace(/IfExists$/, '')}`;
        const message =
          `${condition.operator} on ${condition.key} in a Deny: a request that repeats the query key makes it ` +
          `false and the Deny does not apply (use ${fix})`;
        warn('query-string-single-valued', at, message);
      }
    }
    if (target.use === 'auth' && !statement.resource.negated)
      lintResources(statement, where, target.serviceArns ?? [], warn);
  }
  return findings;
}

const SERVICE_ARN = /^arn:[^:]*:vpc-lattice:[^:]*:[^:]*:service\/([^/]*)/;

function lintResources(
  statement: Statement,
  where: string,
  serviceArns: string[],
  warn: (rule: 'resource-other-service', where: string, message: string) => void,
): void {
  if (serviceArns.length === 0) return;
  for (const pattern of statement.resource.matcher.patterns) {
    // A policy variable's value is known only per request.
    if (pattern === '*' || pattern.includes('${')) continue;
    if (serviceArns.some((arn) => canMatchPrefix(pattern, `${arn}/`))) continue;
    const names = serviceArns.length === 1 ? serviceArns[0] : `any of ${serviceArns.join(', ')}`;
    let message: string;
    if (serviceArns.includes(pattern))
      message = `Resource "${pattern}" is the service ARN without a path and matches no Invoke: use "${pattern}/*"`;
    else if (SERVICE_ARN.test(pattern))
      message = `Resource "${pattern}" names another service (${SERVICE_ARN.exec(pattern)![1]}), not ${names}`;
    else message = `Resource "${pattern}" is not a resource of ${names}`;
    warn('resource-other-service', `${where}.Resource`, message);
  }
}
