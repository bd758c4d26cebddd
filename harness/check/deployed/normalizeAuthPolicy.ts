/**
 * An auth policy reduced to what IAM reads from it, so that two documents AWS would treat the same
 * compare equal (lattice-behaviour.md §7: the service adds `"Version": "2008-10-17"`, wraps a
 * single Statement in an array and reorders keys; compare semantically, not as text).
 */

/**
 * One comparable element of a statement or document: `compare` decides equality, `label` and `value` are for
 * people.
 */
export interface NormalizedField {
  /** Where it is, as a person reads it: `Action`, `Principal.AWS`, `Condition.StringEquals.aws:SourceOrgID`. */
  label: string;
  /** Canonical text: equal exactly when IAM reads the two elements the same. */
  compare: string;
  /** The value as written (a list sorted and without repeats where IAM reads a set). */
  value: unknown;
  /** For a set of values: each value as written, by its canonical text. */
  items?: Map<string, string>;
}

export interface NormalizedStatement {
  /** Position in the document's Statement array (a single Statement object is index 0). */
  index: number;
  sid?: string;
  /** Comparable fields by a key that ignores what IAM ignores (case of condition key names). */
  fields: Map<string, NormalizedField>;
  /** Canonical text of the whole statement, and of it without its Sid. */
  key: string;
  keyWithoutSid: string;
  /** The statement as written. */
  source: unknown;
}

export interface NormalizedPolicy {
  /** Document elements other than Statement (Version, Id, anything else), comparable. */
  fields: Map<string, NormalizedField>;
  statements: NormalizedStatement[];
}

/** What IAM assumes when a policy has no Version, and what Lattice writes into a stored policy that had none. */
export const DEFAULT_POLICY_VERSION = '2008-10-17';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with object keys sorted, so that key order never matters. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Condition values: IAM reads a scalar as a one-element list, numbers and booleans as their text, the list as a
 * set.
 */
function valueSet(
  raw: unknown,
  compareAs: (v: string) => string = (v) => v,
): Pick<NormalizedField, 'value' | 'compare' | 'items'> {
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
    // Not a list of scalars (IAM would refuse it): compare it as written.
    return { value: raw, compare: canonicalJson(raw) };
  }
  const byCompare = new Map<string, string>();
  for (const v of list.map(String)) if (!byCompare.has(compareAs(v))) byCompare.set(compareAs(v), v);
  const keys = [...byCompare.keys()].sort();
  return {
    value: keys.map((k) => byCompare.get(k)!),
    compare: JSON.stringify(keys),
    items: new Map(keys.map((k) => [k, byCompare.get(k)!])),
  };
}

/**
 * An account root ARN (of the commercial partition, where a bare ID points) names the same principals as the
 * bare account ID.
 */
function principalValue(type: string, value: string): string {
  if (type !== 'AWS') return value;
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(value);
  return root ? root[1] : value;
}

function addPrincipal(fields: Map<string, NormalizedField>, element: 'Principal' | 'NotPrincipal', raw: unknown): void {
  if (!isObject(raw)) {
    // "*" (every principal, anonymous callers and services included) is not {"AWS": "*"}: compared as written.
    fields.set(element, { label: element, compare: canonicalJson(raw), value: raw });
    return;
  }
  for (const [type, values] of Object.entries(raw)) {
    const set = valueSet(values, (v) => principalValue(type, v));
    fields.set(`${element}.${type}`, { label: `${element}.${type}`, ...set });
  }
}

function addCondition(fields: Map<string, NormalizedField>, raw: unknown): void {
  if (!isObject(raw)) {
    fields.set('Condition', { label: 'Condition', compare: canonicalJson(raw), value: raw });
    return;
  }
  // Operator names are matched as written (the engine, like IAM, refuses `stringequals`); key names ignore case.
  for (const [operator, block] of Object.entries(raw)) {
    if (!isObject(block)) {
      fields.set(`Condition.${operator}`, {
        label: `Condition.${operator}`,
        compare: canonicalJson(block),
        value: block,
      });
      continue;
    }
    for (const [key, values] of Object.entries(block)) {
      let id = `Condition.${operator}.${key.toLowerCase()}`;
      // The same key twice in one block, in different cases: both kept, never merged.
      for (let n = 2; fields.has(id); n++) id = `Condition.${operator}.${key.toLowerCase()}#${n}`;
      fields.set(id, { label: `Condition.${operator}.${key}`, ...valueSet(values) });
    }
  }
}

/** The comparable fields of one statement. */
function statementFields(statement: Record<string, unknown>): Map<string, NormalizedField> {
  const fields = new Map<string, NormalizedField>();
  for (const [element, raw] of Object.entries(statement)) {
    switch (element) {
      case 'Action':
      case 'NotAction':
        // Action names ignore case (`vpc-lattice-svcs:invoke` is `vpc-lattice-svcs:Invoke`).
        fields.set(element, { label: element, ...valueSet(raw, (v) => v.toLowerCase()) });
        break;
      case 'Resource':
      case 'NotResource':
        fields.set(element, { label: element, ...valueSet(raw) });
        break;
      case 'Principal':
      case 'NotPrincipal':
        addPrincipal(fields, element, raw);
        break;
      case 'Condition':
        addCondition(fields, raw);
        break;
      default:
        // Sid, Effect and anything else, as written.
        fields.set(element, { label: element, compare: canonicalJson(raw), value: raw });
    }
  }
  return fields;
}

function keyOf(fields: Map<string, NormalizedField>, without?: string): string {
  return [...fields.entries()]
    .filter(([id]) => id !== without)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, f]) => `${JSON.stringify(id)}=${f.compare}`)
    .join(';');
}

/**
 * Normalises a policy document (parsed JSON) for comparison: Version defaulted to 2008-10-17,
 * Statement as an array, string-or-array elements as sets, action names and condition key names
 * without case, account root ARNs as account IDs. Statements that are the same twice count once.
 */
export function normalizeAuthPolicy(document: unknown): NormalizedPolicy {
  const doc = isObject(document) ? document : {};
  const fields = new Map<string, NormalizedField>();
  const version = doc.Version ?? DEFAULT_POLICY_VERSION;
  fields.set('Version', { label: 'Version', compare: canonicalJson(version), value: version });
  for (const [element, raw] of Object.entries(doc)) {
    if (element === 'Version' || element === 'Statement') continue;
    fields.set(element, { label: element, compare: canonicalJson(raw), value: raw });
  }
  const raw = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const statements: NormalizedStatement[] = [];
  const seen = new Set<string>();
  raw.forEach((statement: unknown, index: number) => {
    const stmtFields = isObject(statement)
      ? statementFields(statement)
      : new Map([['', { label: 'Statement', compare: canonicalJson(statement), value: statement }]]);
    const key = keyOf(stmtFields);
    if (seen.has(key)) return;
    seen.add(key);
    const sid =
      isObject(statement) && typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
    statements.push({
      index,
      ...(sid !== undefined && { sid }),
      fields: stmtFields,
      key,
      keyWithoutSid: keyOf(stmtFields, 'Sid'),
      source: statement,
    });
  });
  return { fields, statements };
}
