import { PolicyError } from './PolicyError';
import type { Principal } from './types';

/** The Principal or NotPrincipal element, compiled to sets. */
export interface PrincipalMatcher {
  /** `"*"`: everyone, including anonymous callers. */
  readonly everyone: boolean;
  /** `{"AWS": "*"}`: every AWS principal and anonymous callers (not service principals). */
  readonly anyAws: boolean;
  readonly accounts: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  /** Federated and CanonicalUser values: kept for display, matched against the principal's ARN. */
  readonly others: ReadonlySet<string>;
}

const KINDS = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

/** Compiles `"*"` or `{"AWS": ..., "Service": ..., "Federated": ..., "CanonicalUser": ...}`. */
export function compilePrincipal(raw: unknown, where: string): PrincipalMatcher {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  const others = new Set<string>();
  const matcher = { everyone: false, anyAws: false, accounts, arns, services, others };
  if (raw === '*') return { ...matcher, everyone: true };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PolicyError(
      'InvalidPrincipal',
      where,
      'must be "*" or an object with AWS, Service, Federated or CanonicalUser',
    );
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) throw new PolicyError('InvalidPrincipal', where, 'names no principal');
  for (const [kind, value] of entries) {
    if (!(KINDS as readonly string[]).includes(kind)) {
      throw new PolicyError(
        'InvalidPrincipal',
        `${where}.${kind}`,
        `unknown principal type "${kind}" (expected ${KINDS.join(', ')})`,
      );
    }
    for (const item of toStrings(value, `${where}.${kind}`)) {
      if (kind === 'AWS') {
        if (item === '*') matcher.anyAws = true;
        else if (ACCOUNT_ID.test(item)) accounts.add(item);
        else if (ACCOUNT_ROOT.test(item)) accounts.add(ACCOUNT_ROOT.exec(item)![1]!);
        else arns.add(item);
      } else if (kind === 'Service') {
        services.add(item.toLowerCase());
      } else {
        others.add(item);
      }
    }
  }
  return matcher;
}

/** Principal element: the request principal is named, as itself, its role or its account. */
export function matchPrincipal(m: PrincipalMatcher, principal: Principal | null): boolean {
  if (m.everyone) return true;
  if (principal === null || principal.kind === 'anonymous') return m.anyAws;
  if (principal.kind === 'service') return m.services.has(principal.name.toLowerCase());
  return (
    m.anyAws ||
    m.accounts.has(principal.account) ||
    m.arns.has(principal.arn) ||
    (principal.roleArn !== undefined && m.arns.has(principal.roleArn)) ||
    m.others.has(principal.arn)
  );
}

/**
 * NotPrincipal element: the statement applies unless the caller is excluded at every level it is
 * checked at. "AWS verifies the account first, then the user. If an assumed-role user is
 * evaluated, AWS verifies the account first, then the role, and finally the assumed-role user"
 * (IAM User Guide, NotPrincipal), and an account entry names every principal of the account, as
 * in Principal. So the caller is excluded exactly when its account is listed (by ID or root
 * ARN); naming only the user, role or session is not enough and the statement still applies.
 */
export function matchNotPrincipal(m: PrincipalMatcher, principal: Principal | null): boolean {
  if (m.everyone) return false;
  if (principal === null || principal.kind === 'anonymous') return !m.anyAws;
  if (principal.kind === 'service') return !m.services.has(principal.name.toLowerCase());
  return !(m.anyAws || m.accounts.has(principal.account));
}

function toStrings(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyError('InvalidPrincipal', where, 'names no principal');
  return list.map((item) => {
    if (typeof item !== 'string' || item === '')
      throw new PolicyError('InvalidPrincipal', where, 'principal values must be non-empty strings');
    return item;
  });
}
