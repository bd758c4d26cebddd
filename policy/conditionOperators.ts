import { compilePattern } from './compilePattern';
import type { MatchMode } from './compileMatcher';
import type { ContextLookup } from './lookupContext';
import { parseCidr, matchCidr, type Cidr } from './parseCidr';
import { parseIp } from './parseIp';
import { parseBase64, parseBool, parseDate, parseNumber } from './parseScalar';

/** Tests one request value against all of a condition's policy values (true if any matches). */
export type ValueTest = (value: string, lookup: ContextLookup) => boolean;

export interface OperatorSpec {
  /** A negated operator is true exactly when its positive form is false (key absent: true). */
  negated: boolean;
  /** `substitute`: policy variables are resolved (Version 2012-10-17, String and Arn operators only). */
  compile(values: readonly string[], substitute: boolean, warn: (message: string) => void): ValueTest;
}

/** Every base operator of the IAM policy language, without `IfExists` and set prefixes. */
export const conditionOperators: Record<string, OperatorSpec> = {
  StringEquals: patternOperator('equals', false),
  StringNotEquals: patternOperator('equals', true),
  StringEqualsIgnoreCase: patternOperator('equalsIgnoreCase', false),
  StringNotEqualsIgnoreCase: patternOperator('equalsIgnoreCase', true),
  StringLike: patternOperator('like', false),
  StringNotLike: patternOperator('like', true),
  ArnEquals: patternOperator('arn', false),
  ArnLike: patternOperator('arn', false),
  ArnNotEquals: patternOperator('arn', true),
  ArnNotLike: patternOperator('arn', true),
  NumericEquals: orderedOperator(parseNumber, 'number', (a, b) => a === b, false),
  NumericNotEquals: orderedOperator(parseNumber, 'number', (a, b) => a === b, true),
  NumericLessThan: orderedOperator(parseNumber, 'number', (a, b) => a < b, false),
  NumericLessThanEquals: orderedOperator(parseNumber, 'number', (a, b) => a <= b, false),
  NumericGreaterThan: orderedOperator(parseNumber, 'number', (a, b) => a > b, false),
  NumericGreaterThanEquals: orderedOperator(parseNumber, 'number', (a, b) => a >= b, false),
  DateEquals: orderedOperator(parseDate, 'date', (a, b) => a === b, false),
  DateNotEquals: orderedOperator(parseDate, 'date', (a, b) => a === b, true),
  DateLessThan: orderedOperator(parseDate, 'date', (a, b) => a < b, false),
  DateLessThanEquals: orderedOperator(parseDate, 'date', (a, b) => a <= b, false),
  DateGreaterThan: orderedOperator(parseDate, 'date', (a, b) => a > b, false),
  DateGreaterThanEquals: orderedOperator(parseDate, 'date', (a, b) => a >= b, false),
  Bool: exactOperator(parseBool, 'boolean', (v) => v.toLowerCase()),
  BinaryEquals: exactOperator(parseBase64, 'base64', toByteString),
  IpAddress: ipOperator(false),
  NotIpAddress: ipOperator(true),
};

/** BinaryEquals compares the key's raw bytes with the decoded base64 policy value. */
function toByteString(value: string): string {
  return /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1');
}

function patternOperator(mode: MatchMode, negated: boolean): OperatorSpec {
  return {
    negated,
    compile(values, substitute, warn) {
      const patterns = values.map((v) => compilePattern(v, mode, substitute));
      for (const p of patterns) if (!p.valid) warn(`"${p.source}" is not an ARN and never matches`);
      const valid = patterns.filter((p) => p.valid);
      if (valid.length === 1) {
        const only = valid[0]!;
        return (value, lookup) => only.matches(value, lookup);
      }
      return (value, lookup) => valid.some((p) => p.matches(value, lookup));
    },
  };
}

function orderedOperator(
  parse: (text: string) => number | undefined,
  what: string,
  compare: (request: number, policy: number) => boolean,
  negated: boolean,
): OperatorSpec {
  return {
    negated,
    compile(values, _substitute, warn) {
      const parsed = parseAll(values, parse, what, warn);
      return (value) => {
        const n = parse(value);
        return n !== undefined && parsed.some((p) => compare(n, p));
      };
    },
  };
}

function exactOperator(
  parse: (text: string) => string | undefined,
  what: string,
  normalise: (text: string) => string | undefined,
): OperatorSpec {
  return {
    negated: false,
    compile(values, _substitute, warn) {
      const expected = new Set(parseAll(values, parse, what, warn));
      return (value) => {
        const n = normalise(value);
        return n !== undefined && expected.has(n);
      };
    },
  };
}

function ipOperator(negated: boolean): OperatorSpec {
  return {
    negated,
    compile(values, _substitute, warn) {
      const ranges: Cidr[] = parseAll(values, parseCidr, 'IP address or CIDR', warn);
      return (value) => {
        const address = parseIp(value);
        return address !== undefined && ranges.some((r) => matchCidr(r, address));
      };
    },
  };
}

function parseAll<T>(
  values: readonly string[],
  parse: (text: string) => T | undefined,
  what: string,
  warn: (message: string) => void,
): T[] {
  const out: T[] = [];
  for (const value of values) {
    const parsed = parse(value);
    if (parsed === undefined) warn(`"${value}" is not a valid ${what} and never matches`);
    else out.push(parsed);
  }
  return out;
}
