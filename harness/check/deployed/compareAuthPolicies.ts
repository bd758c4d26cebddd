import { normalizeAuthPolicy, type NormalizedField, type NormalizedStatement } from './normalizeAuthPolicy';

/**
 * One element that differs: its value in the code and deployed (`undefined`: absent on that side)
 * and, when both sides are sets of values, the values only one side has.
 */
export interface FieldDifference {
  field: string;
  code?: unknown;
  deployed?: unknown;
  onlyInCode?: string[];
  onlyDeployed?: string[];
}

/** The values of one set that the other lacks, as written. */
function missingFrom(from: Map<string, string>, other: Map<string, string>): string[] {
  return [...from].filter(([k]) => !other.has(k)).map(([, v]) => v);
}

/** A statement as a report names it: its Sid, else its position. */
export interface StatementRef {
  index: number;
  sid?: string;
}

export type PolicyDifference =
  /** A document element other than Statement (Version, Id). */
  | { kind: 'document'; field: string; code?: unknown; deployed?: unknown }
  | { kind: 'only-in-code'; statement: StatementRef; source: unknown }
  | { kind: 'only-deployed'; statement: StatementRef; source: unknown }
  /**
   * The same statement on both sides (by Sid, by content without Sid, or the one statement left on each side),
   * with its elements that differ.
   */
  | { kind: 'changed'; code: StatementRef; deployed: StatementRef; fields: FieldDifference[] };

export type PolicyDifferenceKind = PolicyDifference['kind'];

function fieldDifferences(
  code: Map<string, NormalizedField>,
  deployed: Map<string, NormalizedField>,
): FieldDifference[] {
  const ids = [...new Set([...code.keys(), ...deployed.keys()])];
  const out: FieldDifference[] = [];
  for (const id of ids) {
    const c = code.get(id);
    const d = deployed.get(id);
    if (c && d && c.compare === d.compare) continue;
    const sets =
      c?.items && d?.items
        ? { onlyInCode: missingFrom(c.items, d.items), onlyDeployed: missingFrom(d.items, c.items) }
        : {};
    out.push({ field: (c ?? d)!.label, ...(c && { code: c.value }), ...(d && { deployed: d.value }), ...sets });
  }
  return out;
}

const ref = (s: NormalizedStatement): StatementRef => ({ index: s.index, ...(s.sid !== undefined && { sid: s.sid }) });

/**
 * Removes and returns pairs of `code` × `deployed` statements that `same` says belong together, first come first
 * paired.
 */
function pairOff(
  code: NormalizedStatement[],
  deployed: NormalizedStatement[],
  same: (c: NormalizedStatement, d: NormalizedStatement) => boolean,
) {
  const pairs: [NormalizedStatement, NormalizedStatement][] = [];
  for (const c of [...code]) {
    const i = deployed.findIndex((d) => same(c, d));
    if (i === -1) continue;
    pairs.push([c, deployed[i]]);
    deployed.splice(i, 1);
    code.splice(code.indexOf(c), 1);
  }
  return pairs;
}

/**
 * Compares a policy as code with the deployed one, semantically (see normalizeAuthPolicy):
 * statement order, key order, a missing Version that AWS filled in, a single Statement that AWS
 * wrapped: none of these is a difference. An empty list means the two are the same. Statements
 * are paired by content, then by Sid, then by content without the Sid, then (one left on each
 * side, neither with a Sid) with each other; the rest are only in code or only deployed.
 */
export function compareAuthPolicies(codeDocument: unknown, deployedDocument: unknown): PolicyDifference[] {
  const code = normalizeAuthPolicy(codeDocument);
  const deployed = normalizeAuthPolicy(deployedDocument);
  const differences: PolicyDifference[] = fieldDifferences(code.fields, deployed.fields).map((f) => ({
    kind: 'document',
    ...f,
  }));

  const left = [...code.statements];
  const right = [...deployed.statements];
  pairOff(left, right, (c, d) => c.key === d.key);
  const changed = [
    ...pairOff(left, right, (c, d) => c.sid !== undefined && c.sid === d.sid),
    ...pairOff(left, right, (c, d) => c.keyWithoutSid === d.keyWithoutSid),
  ];
  if (left.length === 1 && right.length === 1 && left[0].sid === undefined && right[0].sid === undefined)
    changed.push([left.pop()!, right.pop()!]);
  for (const [c, d] of changed.sort(([a], [b]) => a.index - b.index)) {
    differences.push({ kind: 'changed', code: ref(c), deployed: ref(d), fields: fieldDifferences(c.fields, d.fields) });
  }
  for (const c of left) differences.push({ kind: 'only-in-code', statement: ref(c), source: c.source });
  for (const d of right) differences.push({ kind: 'only-deployed', statement: ref(d), source: d.source });
  return differences;
}
