/** The order AWS writes the elements of a stored policy in. */
const DOCUMENT_ORDER = ['Version', 'Id', 'Statement'];
const STATEMENT_ORDER = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

/** Copies `value`'s keys in `order` first, then any others in their own order. */
function ordered(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in value) out[key] = value[key];
  for (const key of Object.keys(value)) if (!(key in out)) out[key] = value[key];
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An auth policy as VPC Lattice stores and returns it (lattice-behaviour.md §7): `"Version":
 * "2008-10-17"` added when the document has none, a single `Statement` wrapped in an array, the
 * elements in AWS's order (Version, Id, Statement; Sid, Effect, Principal, Action, Resource,
 * Condition), compact JSON. The meaning is unchanged: without a Version, IAM reads a policy as
 * 2008-10-17 anyway. Takes a document that `parsePolicy` accepted.
 */
export function rewriteAuthPolicy(document: unknown): string {
  if (!isObject(document)) return JSON.stringify(document);
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const rewritten = ordered(
    {
      ...document,
      Version: document.Version ?? '2008-10-17',
      Statement: statements.map((s) => (isObject(s) ? ordered(s, STATEMENT_ORDER) : s)),
    },
    DOCUMENT_ORDER,
  );
  return JSON.stringify(rewritten);
}
