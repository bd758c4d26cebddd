/**
 * Where @cloud-copilot/iam-simulate and this engine disagree, and why ours follows AWS. Each
 * rule recognises one isolated element (see isolateDisagreements) and cites the AWS
 * documentation (IAM User Guide unless said otherwise) that decides the point.
 */
import { compilePattern } from '../../../policy/compilePattern';
import { lookupContext } from '../../../policy/lookupContext';
import type { GeneratedCase } from './generatePolicyCase';
import type { PolicyElement } from './isolateDisagreements';

export interface KnownDifference {
  id: string;
  /** What iam-simulate does, what AWS documents, and where. */
  reason: string;
  applies(element: PolicyElement, testCase: GeneratedCase): boolean;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL = /\$\{[*?$]\}/;
const EPOCH = /^\d+$/;

function baseOperator(operator: string): string {
  return operator.replace(/^For(Any|All)Values?:/, '').replace(/IfExists$/, '');
}

/** Names of context keys referenced by `${...}` without a default and absent (or multi-valued) in the request. */
function unresolvedVariables(value: string, context: GeneratedCase['context']): string[] {
  const lower = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return [...value.matchAll(VARIABLE)]
    .map((m) => m[1]!)
    .filter((body) => !['*', '?', '$'].includes(body) && !body.includes(','))
    .filter((name) => typeof lower.get(name.trim().toLowerCase()) !== 'string');
}

function resourcePatterns(element: PolicyElement): { negated: boolean; patterns: string[] } | undefined {
  if (element.kind !== 'scope') return undefined;
  const { Resource, NotResource } = element.statement;
  return { negated: NotResource !== undefined, patterns: [Resource ?? NotResource].flat() as string[] };
}

export const knownDifferences: readonly KnownDifference[] = [
  {
    id: 'list-of-one-value-is-single-valued',
    reason:
      'iam-simulate never matches a plain operator (no ' +
      'ForAnyValue:/ForAllValues:) against a key given as a list, whatever ' +
      'its length. ' +
      'The guide ("Single-valued vs. multivalued context keys"): "The ' +
      'difference between single-valued and multivalued context keys ' +
      'depends on the number of values in the request context": a list of one ' +
      'value is that value, a list of none has no value to match.',
    applies: (e, c) => {
      if (e.kind !== 'condition' || /^For(Any|All)Values?:/.test(e.operator) || e.operator === 'Null') return false;
      const key = Object.keys(c.context).find((k) => k.toLowerCase() === e.key.toLowerCase());
      const value = key === undefined ? undefined : c.context[key];
      return Array.isArray(value) && value.length <= 1;
    },
  },
  {
    id: 'binary-equals-compares-bytes',
    reason:
      'iam-simulate compares the base64 text in the policy with the request ' +
      'value as plain strings (its BinaryEquals says binary values are not ' +
      'supported). ' +
      'The guide (condition operators, "Binary condition operators") says ' +
      'BinaryEquals compares the key value with the base-64 encoded binary ' +
      'value in the policy; ' +
      'the shared iam-eval cases (scratchstack test_binary, arsenal/071) ' +
      'encode the same reading: the decoded bytes equal the raw value.',
    applies: (e) => e.kind === 'condition' && baseOperator(e.operator) === 'BinaryEquals',
  },
  {
    id: 'date-epoch-against-iso',
    reason:
      'iam-simulate parses an epoch value as seconds but an ISO 8601 value as ' +
      'milliseconds, so it never equates "1748779200" with ' +
      '"2025-06-01T12:00:00Z". ' +
      'The guide (condition operators, "Date condition operators") accepts ' +
      'both the W3C ISO 8601 formats and epoch (UNIX) time for date values, ' +
      'which name the same instant here.',
    applies: (e, c) => {
      if (e.kind !== 'condition' || !baseOperator(e.operator).startsWith('Date')) return false;
      const request = c.context[Object.keys(c.context).find((k) => k.toLowerCase() === e.key.toLowerCase()) ?? ''];
      const formats = new Set([...e.values, ...[request ?? []].flat()].map((v) => EPOCH.test(v)));
      return formats.size === 2;
    },
  },
  {
    id: 'if-exists-with-set-operator',
    reason:
      'iam-simulate ignores IfExists under ForAnyValue: when the key is ' +
      'absent. The guide ("...IfExists condition operators"): ' +
      '"If the key is not present, evaluate the condition element as true", for any operator name ending in IfExists.',
    applies: (e, c) =>
      e.kind === 'condition' &&
      e.operator.startsWith('ForAnyValue:') &&
      e.operator.endsWith('IfExists') &&
      !Object.keys(c.context).some((k) => k.toLowerCase() === e.key.toLowerCase()),
  },
  {
    id: 'negated-operator-with-valueless-variable',
    reason:
      'iam-simulate makes a whole negated condition (StringNotEquals, ' +
      'StringNotLike, ...) false when one of its values holds a variable with ' +
      'no value. ' +
      'The guide ("Policy variables with no value", ' +
      'reference_policies_variables) says a variable without a value matches ' +
      'nothing, so a negated operator is true; ' +
      'the shared aws-docs cases variables/no-value-StringNotEquals and no-value-StringNotLike expect Allow.',
    applies: (e, c) =>
      e.kind === 'condition' &&
      c.policy.Version === '2012-10-17' &&
      /Not/.test(baseOperator(e.operator)) &&
      e.values.some((v) => unresolvedVariables(v, c.context).length > 0),
  },
  {
    id: 'variables-need-version-2012-10-17',
    reason:
      'iam-simulate substitutes policy variables whatever the policy Version. ' +
      'The guide (reference_policies_variables, "Introduction"): ' +
      'without "Version": "2012-10-17", "variables like ${aws:username} are ' +
      'treated as literal strings in the policy" (shared aws-docs case ' +
      'variables/no-version-literal).',
    applies: (e, c) =>
      c.policy.Version !== '2012-10-17' &&
      (e.kind === 'condition'
        ? e.values.some((v) => v.includes('${'))
        : (resourcePatterns(e)?.patterns ?? []).some((p) => p.includes('${'))),
  },
  {
    id: 'special-characters-in-exact-operators',
    reason:
      'iam-simulate leaves ${*}, ${?} and ${$} as literal text in operators ' +
      'without wildcards (StringEquals, StringNotEquals, ...IgnoreCase). ' +
      'The guide (reference_policies_variables, "Special characters"): "These ' +
      'predefined policy variables can be used in any string where you can ' +
      'use regular policy variables", ' +
      'so "a${?}b" is the three characters a?b in every String operator.',
    applies: (e, c) =>
      e.kind === 'condition' &&
      c.policy.Version === '2012-10-17' &&
      /^String(Not)?Equals(IgnoreCase)?$/.test(baseOperator(e.operator)) &&
      e.values.some((v) => SPECIAL.test(v)),
  },
  {
    id: 'cidr-zero-prefix',
    reason:
      'iam-simulate computes an IPv4 /0 mask with a 32-bit shift, which ' +
      'JavaScript reduces to a shift by 0, so 0.0.0.0/0 matches only 0.0.0.0. ' +
      '' +
      'The guide ("IP address condition operators") takes ranges in RFC 4632 ' +
      'CIDR notation, where /0 covers every IPv4 address.',
    applies: (e) =>
      e.kind === 'condition' && /IpAddress$/.test(baseOperator(e.operator)) && e.values.some((v) => v.endsWith('/0')),
  },
  {
    id: 'not-ip-address-single-ipv4-against-ipv6',
    reason:
      'For a single IPv4 address in NotIpAddress, iam-simulate requires the ' +
      'request address to be IPv4, so an IPv6 caller is never "not 10.0.1.23" ' +
      '' +
      '(while its CIDR branch does treat an IPv6 caller as outside an IPv4 ' +
      'range). The guide ("IP address condition operators"): NotIpAddress is ' +
      '"Negated matching: All IP addresses except the specified IP address or range".',
    applies: (e, c) =>
      e.kind === 'condition' &&
      baseOperator(e.operator) === 'NotIpAddress' &&
      String(c.context['aws:SourceIp'] ?? '').includes(':') &&
      e.values.some((v) => /^\d+\.\d+\.\d+\.\d+$/.test(v)),
  },
  {
    id: 'resource-arns-are-case-sensitive',
    reason:
      'iam-simulate matches Resource and NotResource case-insensitively. The ' +
      'guide (reference_policies_elements_resource): ' +
      '"In the Resource element, the IAM user name is case sensitive"; ARNs ' +
      'are compared as written (and our ArnEquals/ArnLike agree with ' +
      'iam-simulate on case).',
    applies: (e, c) => {
      const substitute = c.policy.Version === '2012-10-17';
      const lookup = lookupContext(c.context);
      const matches = (pattern: string, resource: string) =>
        compilePattern(pattern, 'resource', substitute).matches(resource, lookup);
      return (resourcePatterns(e)?.patterns ?? []).some(
        (p) => matches(p, c.resource) !== matches(p.toLowerCase(), c.resource.toLowerCase()),
      );
    },
  },
  {
    id: 'valueless-variable-in-not-resource',
    reason:
      'iam-simulate does not apply a NotResource statement whose pattern ' +
      'holds a variable with no value. The guide ("Policy variables with no ' +
      'value") says such a value matches no resource ' +
      '(shared aws-docs case variables/username-username-absent), and ' +
      'NotResource applies to every resource that no listed pattern matches.',
    applies: (e, c) => {
      const r = resourcePatterns(e);
      return (
        !!r &&
        r.negated &&
        c.policy.Version === '2012-10-17' &&
        r.patterns.some((p) => unresolvedVariables(p, c.context).length > 0)
      );
    },
  },
  {
    id: 'not-principal-checks-the-account-too',
    reason:
      'iam-simulate excludes a caller from a NotPrincipal statement as soon ' +
      'as a listed entry names its user, role or session. The guide ' +
      '(reference_policies_elements_notprincipal): ' +
      '"you must also specify the account ARN of the principal that you do ' +
      'not want to deny. Otherwise, the policy might deny access to the ' +
      'entire account containing the principal ... ' +
      'AWS verifies the account first, then the role, and finally the ' +
      'assumed-role user"; so a caller whose account is not listed is not ' +
      'excluded.',
    applies: (e, c) => {
      const notPrincipal = e.kind === 'scope' ? e.statement.NotPrincipal : undefined;
      if (notPrincipal === undefined || notPrincipal === '*' || c.principal === 'anonymous') return false;
      const listed = [(notPrincipal as { AWS?: string | string[] }).AWS ?? []].flat();
      const account = c.principal.split(':')[4];
      const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(c.principal);
      const names = [c.principal, ...(session ? [`arn:aws:iam::${session[1]}:role/${session[2]}`] : [])];
      const accountListed = listed.some((v) => v === '*' || v === account || v === `arn:aws:iam::${account}:root`);
      return !accountListed && listed.some((v) => names.includes(v));
    },
  },
];

export function explainDifference(element: PolicyElement, testCase: GeneratedCase): KnownDifference | undefined {
  return knownDifferences.find((d) => d.applies(element, testCase));
}
