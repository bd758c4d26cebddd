import { compileActions, type ActionMatcher } from './compileActions';
import { compileCondition, type CompiledCondition } from './compileCondition';
import { compilePrincipal, type PrincipalMatcher } from './compilePrincipal';
import { compileResources, type ResourceMatcher } from './compileResources';
import { PolicyError } from './PolicyError';
import type { PolicyKind } from './types';

/** One statement, validated and compiled. */
export interface CompiledStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** Absent: the statement applies to any principal (identity policies). */
  readonly principal?: { negated: boolean; matcher: PrincipalMatcher };
  readonly action: { negated: boolean; matcher: ActionMatcher };
  readonly resource: { negated: boolean; matcher: ResourceMatcher };
  readonly conditions: readonly CompiledCondition[];
}

const FIELDS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

export interface CompileStatementOptions {
  index: number;
  kind: PolicyKind | undefined;
  /** Policy variables are resolved (Version 2012-10-17). */
  substitute: boolean;
  warn: (message: string) => void;
}

export function compileStatement(raw: unknown, options: CompileStatementOptions): CompiledStatement {
  const { index, kind, substitute, warn } = options;
  let where = `Statement[${index}]`;
  if (!isObject(raw)) throw new PolicyError('InvalidType', where, 'a statement must be an object');
  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== 'string')
    throw new PolicyError('InvalidType', `${where}.Sid`, 'Sid must be a string');
  if (sid !== undefined) where += ` (Sid "${sid}")`;
  for (const field of Object.keys(raw)) {
    if (!FIELDS.has(field))
      throw new PolicyError('UnknownField', `${where}.${field}`, `unknown statement element "${field}"`);
  }
  const effect = raw.Effect;
  if (effect === undefined) throw new PolicyError('MissingField', `${where}.Effect`, 'Effect is required');
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyError(
      'InvalidEffect',
      `${where}.Effect`,
      `Effect must be "Allow" or "Deny", not ${JSON.stringify(effect)}`,
    );
  }
  const principal = pick(raw, 'Principal', 'NotPrincipal', where);
  if (principal && kind === 'identity') {
    throw new PolicyError(
      'InvalidPrincipal',
      `${where}.${principal.field}`,
      'an identity-based policy must not name a principal',
    );
  }
  if (!principal && kind === 'resource') {
    throw new PolicyError(
      'MissingField',
      `${where}.Principal`,
      'a resource-based policy statement needs Principal or NotPrincipal',
    );
  }
  const action = pick(raw, 'Action', 'NotAction', where);
  if (!action) throw new PolicyError('MissingField', `${where}.Action`, 'Action or NotAction is required');
  const resource = pick(raw, 'Resource', 'NotResource', where);
  if (!resource) throw new PolicyError('MissingField', `${where}.Resource`, 'Resource or NotResource is required');
  return {
    index,
    ...(sid !== undefined && { sid }),
    effect,
    ...(principal && {
      principal: {
        negated: principal.negated,
        matcher: compilePrincipal(principal.value, `${where}.${principal.field}`),
      },
    }),
    action: { negated: action.negated, matcher: compileActions(action.value, `${where}.${action.field}`) },
    resource: {
      negated: resource.negated,
      matcher: compileResources(resource.value, substitute, `${where}.${resource.field}`),
    },
    conditions: compileConditions(raw.Condition, substitute, `${where}.Condition`, warn),
  };
}

/** Reads X or NotX; both at once is an error. */
function pick(raw: Record<string, unknown>, field: string, notField: string, where: string) {
  const has = raw[field] !== undefined;
  const hasNot = raw[notField] !== undefined;
  if (has && hasNot)
    throw new PolicyError(
      'ConflictingFields',
      `${where}.${notField}`,
      `${field} and ${notField} cannot both be present`,
    );
  if (has) return { field, negated: false, value: raw[field] };
  if (hasNot) return { field: notField, negated: true, value: raw[notField] };
  return undefined;
}

function compileConditions(
  raw: unknown,
  substitute: boolean,
  where: string,
  warn: (m: string) => void,
): CompiledCondition[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw new PolicyError('InvalidCondition', where, 'Condition must be an object of operators');
  return Object.entries(raw).flatMap(([operator, block]) => compileCondition(operator, block, substitute, where, warn));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
