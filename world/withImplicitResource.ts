/**
 * A role trust policy has no Resource element: the resource is the role itself. Statements get
 * `"Resource": "*"` so the engine, which requires one, evaluates them as IAM does.
 */
export function withImplicitResource(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null) return policy;
  const doc = policy as { Statement?: unknown };
  const add = (s: unknown) =>
    typeof s === 'object' && s !== null && !('Resource' in s) && !('NotResource' in s) ? { ...s, Resource: '*' } : s;
  return { ...doc, Statement: Array.isArray(doc.Statement) ? doc.Statement.map(add) : add(doc.Statement) };
}
