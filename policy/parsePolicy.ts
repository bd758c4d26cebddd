import { compileStatement } from './compileStatement';
import { PolicyError } from './PolicyError';
import type { ParsePolicyOptions, Policy, PolicyVersion } from './types';

/** The Lattice auth policy limit, in characters. */
export const RESOURCE_POLICY_MAX_LENGTH = 10_000;

const VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17'];
const FIELDS = new Set(['Version', 'Id', 'Statement']);

/**
 * Parses, validates and compiles a policy document (a JSON string or an already parsed value).
 * Everything that does not depend on the request is done here, so `evaluatePolicy` is cheap.
 * Throws PolicyError naming what is wrong and where.
 */
export function parsePolicy(input: string | unknown, options: ParsePolicyOptions = {}): Policy {
  const { kind } = options;
  const maxLength = options.maxLength ?? (kind === 'resource' ? RESOURCE_POLICY_MAX_LENGTH : undefined);
  const text = typeof input === 'string' ? input : undefined;
  if (maxLength !== undefined) {
    const length = (text ?? JSON.stringify(input) ?? '').length;
    if (length > maxLength) {
      throw new PolicyError('PolicyTooLong', '', `the policy is ${length} characters; the limit is ${maxLength}`);
    }
  }
  const source = text === undefined ? input : parseJson(text);
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new PolicyError('InvalidDocument', '', 'a policy must be a JSON object');
  }
  const document = source as Record<string, unknown>;
  for (const field of Object.keys(document)) {
    if (!FIELDS.has(field))
      throw new PolicyError(
        'UnknownField',
        field,
        `unknown policy element "${field}" (expected Version, Id, Statement)`,
      );
  }
  const version = document.Version;
  if (version !== undefined && !VERSIONS.includes(version as string)) {
    throw new PolicyError(
      'InvalidVersion',
      'Version',
      `Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(version)}`,
    );
  }
  if (document.Id !== undefined && typeof document.Id !== 'string')
    throw new PolicyError('InvalidType', 'Id', 'Id must be a string');
  const raw = document.Statement;
  if (raw === undefined) throw new PolicyError('MissingField', 'Statement', 'Statement is required');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0)
    throw new PolicyError('MissingField', 'Statement', 'Statement must hold at least one statement');
  const warnings: string[] = [];
  const substitute = version === '2012-10-17';
  const statements = list.map((statement, index) =>
    compileStatement(statement, { index, kind, substitute, warn: (m) => warnings.push(m) }),
  );
  return { source, version: version as PolicyVersion | undefined, kind, statements, warnings };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyError('InvalidJson', '', `the policy is not valid JSON: ${(error as Error).message}`);
  }
}
