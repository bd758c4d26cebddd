import { relative } from 'node:path';
import {
  compileWorld,
  networkSubject,
  roleSubject,
  serviceSubject,
  userSubject,
  type WorldPolicy,
  type WorldSpec,
} from '../../world';
import type { Layer } from '../config/types';
import { statementSources } from './reportStatements';
import type { Explanation } from './types';

/** One condition of a statement (operator and key as written), and the calls that met it each way. */
export interface ConditionCoverage {
  operator: string;
  key: string;
  policyValues: string[];
  /** Calls (by id) whose request matched it, and whose request did not. */
  matched: string[];
  notMatched: string[];
}

/**
 * One statement of an auth policy or of a caller's identity policy. `decided`: the calls it decided
 * (an Allow that applied to an allowed layer, a Deny that applied); `notApplied`: the calls it was
 * weighed for and did not apply to (an Allow of a layer nothing allowed).
 */
export interface StatementCoverage {
  layer: Layer;
  /** What the policy is attached to, as explanations name it: `service network guarded-network`. */
  subject: string;
  file?: string;
  /** The statement's index in its layer (numbered across the policies of an identity layer, as traces are). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  decided: string[];
  notApplied: string[];
  conditions: ConditionCoverage[];
}

export interface PolicyCoverage {
  statements: StatementCoverage[];
  /** Statements that decided at least one call. */
  covered: number;
  total: number;
  /** covered / total × 100, rounded down to one decimal; 100 when there is nothing to cover. */
  percent: number;
}

/** A call's id and its explanation (absent when nothing could be predicted). */
export interface ExplainedCall {
  id: string;
  explanation?: Explanation;
}

const keyOf = (subject: string, index: number) => `${subject}#${index}`;

function conditionsOf(statement: unknown): ConditionCoverage[] {
  const block = (statement as { Condition?: Record<string, Record<string, unknown>> } | null)?.Condition ?? {};
  return Object.entries(block).flatMap(([operator, keys]) =>
    Object.entries(keys ?? {}).map(([key, value]) => ({
      operator,
      key,
      policyValues: (Array.isArray(value) ? value : [value]).map(String),
      matched: [],
      notMatched: [],
    })),
  );
}

function statementsOf(layer: Layer, subject: string, policies: WorldPolicy[], files?: ReadonlyMap<unknown, string>) {
  let index = 0;
  return policies.flatMap((policy) =>
    statementSources(policy.source).map((statement): StatementCoverage => {
      const s = (statement ?? {}) as { Sid?: unknown; Effect?: unknown };
      const file = files?.get(policy.source);
      return {
        layer,
        subject,
        ...(file !== undefined && { file }),
        index: index++,
        ...(typeof s.Sid === 'string' && { sid: s.Sid }),
        effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
        decided: [],
        notApplied: [],
        conditions: conditionsOf(statement),
      };
    }),
  );
}

/** Every statement of the world's auth policies and of its callers' identity policies, none exercised yet. */
export function worldStatements(spec: WorldSpec): StatementCoverage[] {
  const world = compileWorld(spec);
  const files = spec.policyFiles;
  const subjects = new Map<string, StatementCoverage[]>();
  const add = (layer: Layer, subject: string, policies: WorldPolicy[]) => {
    if (subjects.has(subject) || policies.length === 0) return;
    subjects.set(subject, statementsOf(layer, subject, policies, files));
  };
  for (const n of world.networks) add('network', networkSubject(n.spec), n.policy ? [n.policy] : []);
  for (const s of world.services) add('service', serviceSubject(s.spec), s.policy ? [s.policy] : []);
  for (const caller of spec.callers) {
    if (caller.kind === 'role') {
      const role = world.roles.find((r) => r.arn === caller.roleArn);
      if (role) add('identity', roleSubject(role.spec), role.identityPolicies);
    } else if (caller.kind === 'user') {
      const user = world.users.find((u) => u.arn === caller.userArn);
      if (user) add('identity', userSubject(user.spec), user.identityPolicies);
    }
  }
  return [...subjects.values()].flat();
}

/**
 * Which calls each statement (and each of its conditions) decided or was weighed for, from check's
 * explanations: a statement no call exercises is a guardrail nothing tests. Pure.
 */
export function policyCoverage(spec: WorldSpec, calls: ExplainedCall[]): PolicyCoverage {
  const statements = worldStatements(spec);
  const byKey = new Map(statements.map((s) => [keyOf(s.subject, s.index), s]));
  // Each list's ids as a set too: `includes` on lists of every call's id made this quadratic in calls.
  const sets = new Map<string[], Set<string>>();
  const addOnce = (list: string[], id: string) => {
    let set = sets.get(list);
    if (!set) sets.set(list, (set = new Set(list)));
    if (!set.has(id)) {
      set.add(id);
      list.push(id);
    }
  };
  for (const { id, explanation } of calls) {
    for (const layer of explanation?.layers ?? []) {
      for (const report of layer.statements) {
        const entry = byKey.get(keyOf(layer.subject, report.index));
        if (!entry) continue;
        const list = report.applies ? entry.decided : entry.notApplied;
        addOnce(list, id);
        for (const c of report.conditions) {
          const sameKey = (x: ConditionCoverage) =>
            x.operator === c.operator && x.key.toLowerCase() === c.key.toLowerCase();
          const condition = entry.conditions.find(sameKey);
          const seen = condition && (c.matched ? condition.matched : condition.notMatched);
          if (seen) addOnce(seen, id);
        }
      }
    }
  }
  const covered = statements.filter((s) => s.decided.length > 0).length;
  const total = statements.length;
  return { statements, covered, total, percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10 };
}

/** The statements no call exercised, Deny first: a Deny that never fired, an Allow that never decided. */
export function uncoveredStatements(coverage: PolicyCoverage): StatementCoverage[] {
  const rank = (s: StatementCoverage) => (s.effect === 'Deny' ? 0 : 1);
  return coverage.statements.filter((s) => s.decided.length === 0).sort((a, b) => rank(a) - rank(b));
}

/** `service network guarded-network Statement[0] "Sid" (Deny) never fired` : one line per uncovered statement. */
export function describeUncovered(s: StatementCoverage): string {
  const sid = s.sid !== undefined ? ` ${JSON.stringify(s.sid)}` : '';
  const what = s.effect === 'Deny' ? 'Deny never fired' : 'Allow never decided a call';
  const weighed = s.notApplied.length > 0 ? ` (weighed for ${s.notApplied.length}, applied to none)` : '';
  return `${s.subject} Statement[${s.index}]${sid}: ${what}${weighed}${s.file ? ` [${s.file}]` : ''}`;
}

/** The coverage with its file names relative to `cwd`, for reports. */
export function relativeCoverage(coverage: PolicyCoverage, cwd: string): PolicyCoverage {
  const statements = coverage.statements.map((s) => (s.file === undefined ? s : { ...s, file: relative(cwd, s.file) }));
  return { ...coverage, statements };
}
