import type { ContextLookup } from './lookupContext';
import type { TemplatePart } from './parseTemplate';

/** A template with every variable replaced by its (literal) value. */
export type ResolvedPart = Exclude<TemplatePart, { kind: 'variable' }>;

/**
 * Replaces each policy variable by its value from the request context, or by its default.
 * Returns undefined when a variable has neither: the IAM User Guide says such a value
 * matches nothing. A multi-valued key has no value here: "you can't use a multivalued context
 * key as a policy variable" (IAM User Guide, single-valued vs. multivalued context keys).
 * Substituted values are literal: a `*` in a tag value is not a wildcard.
 */
export function resolveVariables(parts: readonly TemplatePart[], lookup: ContextLookup): ResolvedPart[] | undefined {
  const out: ResolvedPart[] = [];
  for (const part of parts) {
    if (part.kind !== 'variable') {
      out.push(part);
      continue;
    }
    const value = singleValue(lookup(part.key)) ?? part.fallback;
    if (value === undefined) return undefined;
    out.push({ kind: 'literal', value });
  }
  return out;
}

function singleValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
