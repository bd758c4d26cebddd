import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicy, PolicyError } from '../../policy';

const statement = { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' };
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

/** Parses and returns the PolicyError thrown, failing when none is. */
function refusal(input: unknown, options?: Parameters<typeof parsePolicy>[1]): PolicyError {
  try {
    parsePolicy(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('parsePolicy accepted the policy');
}

/** A valid policy of exactly `length` characters (padded inside the Sid). */
function policyOfLength(length: number): string {
  const base = JSON.stringify(doc({ ...statement, Sid: '' }));
  return base.replace('"Sid":""', `"Sid":"${'x'.repeat(length - base.length)}"`);
}

describe('parsePolicy: refuses bad policies, saying what and where', () => {
  it('invalid JSON', () => {
    const error = refusal('{"Version": "2012-10-17", "Statement": [');
    expect(error.code).toBe('InvalidJson');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('a document that is not an object', () => {
    expect(refusal('[]').code).toBe('InvalidDocument');
    expect(refusal('"text"').code).toBe('InvalidDocument');
  });

  it('a resource policy of 10,001 characters (the Lattice limit is 10,000)', () => {
    expect(() => parsePolicy(policyOfLength(10_000), { kind: 'resource' })).not.toThrow();
    const error = refusal(policyOfLength(10_001), { kind: 'resource' });
    expect(error.code).toBe('PolicyTooLong');
    expect(error.message).toContain('10001 characters; the limit is 10000');
  });

  it('measures an already parsed resource policy by its JSON text', () => {
    const long = doc({ ...statement, Sid: 'x'.repeat(10_000) });
    expect(refusal(long, { kind: 'resource' }).code).toBe('PolicyTooLong');
  });

  it('no length limit for identity policies unless asked', () => {
    const long = policyOfLength(20_000).replace('"Principal":"*",', '');
    expect(() => parsePolicy(long, { kind: 'identity' })).not.toThrow();
    expect(refusal(long, { kind: 'identity', maxLength: 12_000 }).code).toBe('PolicyTooLong');
  });

  it('Effect "Alow"', () => {
    const error = refusal(doc(statement, { ...statement, Sid: 'AllowOrg', Effect: 'Alow' }));
    expect(error).toMatchObject({ code: 'InvalidEffect', where: 'Statement[1] (Sid "AllowOrg").Effect' });
    expect(error.message).toContain('"Alow"');
  });

  it('Effect in the wrong case', () => {
    expect(refusal(doc({ ...statement, Effect: 'allow' })).code).toBe('InvalidEffect');
  });

  it('missing Effect', () => {
    const { Effect: _omit, ...noEffect } = statement;
    expect(refusal(doc(noEffect))).toMatchObject({ code: 'MissingField', where: 'Statement[0].Effect' });
  });

  it('missing Action, missing Resource, missing Statement', () => {
    const { Action: _a, ...noAction } = statement;
    const { Resource: _r, ...noResource } = statement;
    expect(refusal(doc(noAction))).toMatchObject({ code: 'MissingField', where: 'Statement[0].Action' });
    expect(refusal(doc(noResource))).toMatchObject({ code: 'MissingField', where: 'Statement[0].Resource' });
    expect(refusal({ Version: '2012-10-17' })).toMatchObject({ code: 'MissingField', where: 'Statement' });
    expect(refusal({ Version: '2012-10-17', Statement: [] })).toMatchObject({
      code: 'MissingField',
      where: 'Statement',
    });
  });

  it('an unknown condition operator, with a suggestion', () => {
    const error = refusal(
      doc({ ...statement, Sid: 'AllowOrg', Condition: { StringEqualz: { 'aws:PrincipalOrgID': 'o-1' } } }),
    );
    expect(error).toMatchObject({
      code: 'UnknownOperator',
      where: 'Statement[0] (Sid "AllowOrg").Condition.StringEqualz',
    });
    expect(error.message).toContain('did you mean "StringEquals"?');
  });

  it('operators and prefixes that do not exist', () => {
    for (const operator of [
      'stringequals',
      'ForSomeValues:StringEquals',
      'NullIfExists',
      'IfExists',
      'BinaryNotEquals',
    ]) {
      expect(refusal(doc({ ...statement, Condition: { [operator]: { k: 'v' } } })).code).toBe('UnknownOperator');
    }
  });

  it('a malformed Condition', () => {
    expect(refusal(doc({ ...statement, Condition: ['x'] })).code).toBe('InvalidCondition');
    expect(refusal(doc({ ...statement, Condition: { StringEquals: 'v' } })).code).toBe('InvalidCondition');
    const nested = refusal(doc({ ...statement, Condition: { StringEquals: { k: { v: 1 } } } }));
    expect(nested).toMatchObject({ code: 'InvalidCondition', where: 'Statement[0].Condition.StringEquals.k' });
  });

  it('an unknown Version', () => {
    expect(refusal({ ...doc(statement), Version: '2012-10-18' })).toMatchObject({
      code: 'InvalidVersion',
      where: 'Version',
    });
  });

  it('unknown elements at the top and in a statement', () => {
    expect(refusal({ ...doc(statement), Statements: [] })).toMatchObject({ code: 'UnknownField', where: 'Statements' });
    expect(refusal(doc({ ...statement, Actions: 's3:*' }))).toMatchObject({
      code: 'UnknownField',
      where: 'Statement[0].Actions',
    });
  });

  it('an element with its Not form', () => {
    expect(refusal(doc({ ...statement, NotAction: 's3:*' }))).toMatchObject({
      code: 'ConflictingFields',
      where: 'Statement[0].NotAction',
    });
    expect(refusal(doc({ ...statement, NotResource: '*' })).code).toBe('ConflictingFields');
    expect(refusal(doc({ ...statement, NotPrincipal: { AWS: '123456789012' } })).code).toBe('ConflictingFields');
  });

  it('a principal where the policy kind forbids or requires one', () => {
    expect(refusal(doc(statement), { kind: 'identity' })).toMatchObject({
      code: 'InvalidPrincipal',
      where: 'Statement[0].Principal',
    });
    const { Principal: _p, ...noPrincipal } = statement;
    expect(refusal(doc(noPrincipal), { kind: 'resource' })).toMatchObject({
      code: 'MissingField',
      where: 'Statement[0].Principal',
    });
    expect(() => parsePolicy(doc(noPrincipal))).not.toThrow();
  });

  it('a malformed Principal', () => {
    expect(refusal(doc({ ...statement, Principal: 'arn:aws:iam::123456789012:root' })).code).toBe('InvalidPrincipal');
    expect(refusal(doc({ ...statement, Principal: { Aws: '*' } }))).toMatchObject({
      code: 'InvalidPrincipal',
      where: 'Statement[0].Principal.Aws',
    });
    expect(refusal(doc({ ...statement, Principal: {} })).code).toBe('InvalidPrincipal');
    expect(refusal(doc({ ...statement, Principal: { AWS: [] } })).code).toBe('InvalidPrincipal');
  });

  it('a malformed Action or Resource', () => {
    expect(refusal(doc({ ...statement, Action: 'Invoke' }))).toMatchObject({
      code: 'InvalidAction',
      where: 'Statement[0].Action',
    });
    expect(refusal(doc({ ...statement, Action: [] })).code).toBe('InvalidAction');
    expect(refusal(doc({ ...statement, Action: 42 })).code).toBe('InvalidType');
    expect(refusal(doc({ ...statement, Resource: [''] })).code).toBe('InvalidResource');
  });

  it('a statement or Sid of the wrong type', () => {
    expect(refusal(doc('Allow everything'))).toMatchObject({ code: 'InvalidType', where: 'Statement[0]' });
    expect(refusal(doc({ ...statement, Sid: 7 }))).toMatchObject({ code: 'InvalidType', where: 'Statement[0].Sid' });
  });
});

describe('parsePolicy: accepts the forms AWS accepts', () => {
  it('a JSON string or a parsed value, keeping the original as source', () => {
    const value = doc(statement);
    expect(parsePolicy(value).source).toBe(value);
    expect(parsePolicy(JSON.stringify(value)).source).toEqual(value);
  });

  it('Statement as one object, values as strings or arrays', () => {
    const policy = parsePolicy({
      Version: '2012-10-17',
      Statement: { ...statement, Action: ['s3:GetObject', 'vpc-lattice-svcs:*'] },
    });
    expect(policy.statements).toHaveLength(1);
  });

  it('Version 2008-10-17 or none (as GetAuthPolicy returns them)', () => {
    expect(parsePolicy({ Version: '2008-10-17', Statement: [statement] }).version).toBe('2008-10-17');
    expect(parsePolicy({ Statement: [statement] }).version).toBeUndefined();
  });

  it('numbers and booleans as condition values', () => {
    const policy = parsePolicy(
      doc({
        ...statement,
        Condition: { NumericEquals: { 'vpc-lattice-svcs:Port': 443 }, Bool: { 'aws:SecureTransport': true } },
      }),
    );
    const request = {
      principal: null,
      action: 'vpc-lattice-svcs:Invoke',
      resource: 'x',
      context: { 'vpc-lattice-svcs:Port': '443', 'aws:SecureTransport': 'true' },
    };
    expect(evaluatePolicy(policy, request).decision).toBe('Allow');
  });

  it('values an operator cannot use are kept as warnings and never match', () => {
    const policy = parsePolicy(
      doc({
        ...statement,
        Condition: {
          IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', 'not-an-ip'] },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws' },
        },
      }),
    );
    expect(policy.warnings).toEqual([
      'Statement[0].Condition.IpAddress.aws:SourceIp: "not-an-ip" is not a valid IP address or CIDR and never matches',
      'Statement[0].Condition.ArnLike.aws:PrincipalArn: "arn:aws" is not an ARN and never matches',
    ]);
  });
});
