/** Stable codes for every way a policy document can be refused. */
export type PolicyErrorCode =
  | 'InvalidJson'
  | 'PolicyTooLong'
  | 'InvalidDocument'
  | 'UnknownField'
  | 'InvalidVersion'
  | 'MissingField'
  | 'ConflictingFields'
  | 'InvalidType'
  | 'InvalidEffect'
  | 'InvalidPrincipal'
  | 'InvalidAction'
  | 'InvalidResource'
  | 'UnknownOperator'
  | 'InvalidCondition'
  | 'DuplicateSid';

/**
 * A policy document that cannot be used. `code` is stable, `where` names the place
 * (e.g. `Statement[1] (Sid "AllowOrg").Condition.StringEqualz`).
 */
export class PolicyError extends Error {
  readonly code: PolicyErrorCode;
  readonly where: string;

  constructor(code: PolicyErrorCode, where: string, detail: string) {
    super(where ? `${code} at ${where}: ${detail}` : `${code}: ${detail}`);
    this.name = 'PolicyError';
    this.code = code;
    this.where = where;
  }
}
