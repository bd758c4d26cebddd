import { conditionOperators, type ValueTest } from './conditionOperators';
import { PolicyError } from './PolicyError';
import { parseBool } from './parseScalar';

/** How a condition treats a multi-valued key: as one value, or with ForAnyValue/ForAllValues. */
export type Quantifier = 'single' | 'any' | 'all';

/** One operator applied to one key, ready for `matchCondition`. */
export interface CompiledCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The key as written. */
  readonly key: string;
  readonly lowerKey: string;
  /** The policy values as strings. */
  readonly values: string[];
  readonly quantifier: Quantifier;
  readonly ifExists: boolean;
  readonly negated: boolean;
  /** Null operator: the expected "key is absent" answers. */
  readonly nullCheck?: ReadonlySet<boolean>;
  readonly test: ValueTest;
}

const PREFIXES: Record<string, Quantifier> = { 'ForAnyValue:': 'any', 'ForAllValues:': 'all' };

/**
 * Compiles one operator block of a Condition element (`{"StringEquals": {"k": ["a", "b"]}}`)
 * into one condition per key. Throws PolicyError for an unknown operator or a malformed block.
 */
export function compileCondition(
  operator: string,
  block: unknown,
  substitute: boolean,
  where: string,
  warn: (message: string) => void,
): CompiledCondition[] {
  const here = `${where}.${operator}`;
  const { quantifier, base, ifExists } = splitOperator(operator, here);
  if (!isObject(block)) throw new PolicyError('InvalidCondition', here, 'must be an object of condition keys');
  const spec = base === 'Null' ? undefined : conditionOperators[base]!;
  return Object.entries(block).map(([key, raw]) => {
    const values = toValues(raw, `${here}.${key}`);
    const warnHere = (message: string) => warn(`${here}.${key}: ${message}`);
    const common = { operator, key, lowerKey: key.toLowerCase(), values, quantifier, ifExists };
    if (!spec) return { ...common, negated: false, nullCheck: compileNull(values, warnHere), test: () => false };
    return { ...common, negated: spec.negated, test: spec.compile(values, substitute, warnHere) };
  });
}

function splitOperator(operator: string, where: string) {
  let rest = operator;
  let quantifier: Quantifier = 'single';
  for (const [prefix, q] of Object.entries(PREFIXES)) {
    if (rest.startsWith(prefix)) {
      quantifier = q;
      rest = rest.slice(prefix.length);
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const known = base === 'Null' ? !ifExists : Object.hasOwn(conditionOperators, base);
  if (!known) {
    const hint = suggestOperator(base);
    throw new PolicyError(
      'UnknownOperator',
      where,
      `unknown condition operator "${operator}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
  }
  return { quantifier, base, ifExists };
}

function suggestOperator(base: string): string | undefined {
  const lower = base.toLowerCase();
  const names = [...Object.keys(conditionOperators), 'Null'];
  return (
    names.find((n) => n.toLowerCase() === lower) ??
    names.find((n) => n.length === base.length && [...n].filter((ch, i) => ch !== base[i]).length <= 1)
  );
}

function compileNull(values: string[], warn: (message: string) => void): ReadonlySet<boolean> {
  const expected = new Set<boolean>();
  for (const v of values) {
    const b = parseBool(v);
    if (b === undefined) warn(`"${v}" is not true or false and never matches`);
    else expected.add(b === 'true');
  }
  return expected;
}

function toValues(raw: unknown, where: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new PolicyError('InvalidCondition', where, 'condition values must be strings, numbers or booleans');
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
