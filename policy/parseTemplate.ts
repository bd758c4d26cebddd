/**
 * A policy string split into policy text and policy variables (`${aws:username}`,
 * `${aws:PrincipalTag/team, 'default'}`, and the special `${*}`, `${?}`, `${$}`).
 */
export type TemplatePart =
  /** Text as written in the policy: `*` and `?` are wildcards where the operator has them. */
  | { kind: 'text'; value: string }
  /** A character that must be taken literally (from `${*}`, `${?}`, `${$}`, or a substituted value). */
  | { kind: 'literal'; value: string }
  /** A variable to resolve from the request context; `key` is lower-cased. */
  | { kind: 'variable'; key: string; name: string; fallback?: string };

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };
const NAME = /^[^\s,'${}]+$/;
const DEFAULT = /^'([^']*)'$/;

/**
 * Splits `raw` into parts. With `substitute` false (policy Version 2008-10-17 or none, or an
 * element where variables are not allowed) the whole string is text.
 */
export function parseTemplate(raw: string, substitute: boolean): TemplatePart[] {
  if (!substitute || !raw.includes('${')) return [{ kind: 'text', value: raw }];
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of raw.matchAll(VARIABLE)) {
    const variable = parseVariable(m[1]!);
    if (!variable) continue; // not a variable (e.g. `${}`): stays text
    if (m.index! > last) parts.push({ kind: 'text', value: raw.slice(last, m.index) });
    parts.push(variable);
    last = m.index! + m[0].length;
  }
  if (last < raw.length) parts.push({ kind: 'text', value: raw.slice(last) });
  return parts;
}

function parseVariable(body: string): TemplatePart | undefined {
  const special = SPECIAL[body];
  if (special) return { kind: 'literal', value: special };
  const comma = body.indexOf(',');
  const name = (comma < 0 ? body : body.slice(0, comma)).trim();
  if (!NAME.test(name)) return undefined;
  if (comma < 0) return { kind: 'variable', key: name.toLowerCase(), name };
  const fallback = DEFAULT.exec(body.slice(comma + 1).trim());
  if (!fallback) return undefined;
  return { kind: 'variable', key: name.toLowerCase(), name, fallback: fallback[1]! };
}

/** True when some part needs the request context. */
export function hasVariables(parts: readonly TemplatePart[]): boolean {
  return parts.some((p) => p.kind === 'variable');
}
