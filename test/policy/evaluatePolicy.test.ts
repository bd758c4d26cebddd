import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicy, type EvalRequest, type Principal, type RequestContext } from '../../policy';

const ROLE = 'arn:aws:iam::111122223333:role/caller';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/caller/s1';
const RESOURCE = 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-1/parking';
const session: Principal = { kind: 'aws', arn: SESSION, account: '111122223333', roleArn: ROLE };

function decide(
  statement: Record<string, unknown>,
  context: RequestContext = {},
  more: Partial<EvalRequest> = {},
  version: string | null = '2012-10-17',
) {
  const policy = parsePolicy({
    ...(version && { Version: version }),
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...statement }],
  });
  return evaluatePolicy(policy, {
    principal: session,
    action: 'vpc-lattice-svcs:Invoke',
    resource: RESOURCE,
    context,
    ...more,
  }).decision;
}
const when = (condition: Record<string, unknown>, context: RequestContext = {}) =>
  decide({ Condition: condition }, context);

describe('evaluatePolicy: decision and trace', () => {
  const policy = parsePolicy({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' },
      {
        Sid: 'Org',
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
      },
      { Effect: 'Deny', Action: '*', Resource: 'arn:aws:vpc-lattice:*:*:service/svc-1/admin*' },
    ],
  });
  const request = (context: RequestContext, resource = RESOURCE): EvalRequest => ({
    principal: session,
    action: 'vpc-lattice-svcs:Invoke',
    resource,
    context,
  });

  it('traces why each statement applied or not', () => {
    const evaluation = evaluatePolicy(policy, request({ 'aws:PrincipalOrgID': 'o-2' }));
    expect(evaluation.decision).toBe('ImplicitDeny');
    expect(evaluation.statements).toEqual([
      { index: 0, sid: 'OnlyS3', effect: 'Allow', applies: false, reason: 'action', conditions: [] },
      {
        index: 1,
        sid: 'Org',
        effect: 'Allow',
        applies: false,
        reason: 'condition',
        conditions: [
          {
            operator: 'StringEquals',
            key: 'aws:PrincipalOrgID',
            requestValue: 'o-2',
            policyValues: ['o-1'],
            matched: false,
          },
        ],
      },
      { index: 2, effect: 'Deny', applies: false, reason: 'resource', conditions: [] },
    ]);
  });

  it('traces every statement even when the decision stopped early, and keeps the trace once built', () => {
    const evaluation = evaluatePolicy(
      policy,
      request({ 'aws:PrincipalOrgID': 'o-1' }, RESOURCE.replace('parking', 'admin/x')),
    );
    expect(evaluation.decision).toBe('ExplicitDeny');
    expect(evaluation.statements.map((s) => s.applies)).toEqual([false, true, true]);
    expect(evaluation.statements).toBe(evaluation.statements);
    expect(JSON.parse(JSON.stringify(evaluation)).statements).toHaveLength(3);
  });
});

describe('evaluatePolicy: principals', () => {
  const resource = (element: Record<string, unknown>, principal: Principal | null) =>
    decide(element, {}, { principal });
  const alice: Principal = { kind: 'aws', arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' };

  it('a role ARN matches its sessions; a session ARN only itself', () => {
    expect(resource({ Principal: { AWS: ROLE } }, session)).toBe('Allow');
    expect(resource({ Principal: { AWS: SESSION } }, session)).toBe('Allow');
    expect(resource({ Principal: { AWS: SESSION.replace('s1', 's2') } }, session)).toBe('ImplicitDeny');
  });

  it('an account ID or root ARN matches every principal of the account', () => {
    expect(resource({ Principal: { AWS: '111122223333' } }, alice)).toBe('Allow');
    expect(resource({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }, session)).toBe('Allow');
    expect(resource({ Principal: { AWS: '444455556666' } }, session)).toBe('ImplicitDeny');
  });

  it('"*" and {"AWS": "*"} match anonymous callers; only "*" and Service match a service', () => {
    const service: Principal = { kind: 'service', name: 'lambda.amazonaws.com' };
    expect(resource({ Principal: '*' }, { kind: 'anonymous' })).toBe('Allow');
    expect(resource({ Principal: { AWS: '*' } }, { kind: 'anonymous' })).toBe('Allow');
    expect(resource({ Principal: { AWS: '111122223333' } }, { kind: 'anonymous' })).toBe('ImplicitDeny');
    expect(resource({ Principal: { AWS: '*' } }, service)).toBe('ImplicitDeny');
    expect(resource({ Principal: { Service: 'lambda.amazonaws.com' } }, service)).toBe('Allow');
  });

  it('NotPrincipal excludes a caller only when its account is listed', () => {
    const deny = (notPrincipal: unknown, principal: Principal) =>
      resource({ Effect: 'Deny', NotPrincipal: notPrincipal }, principal);
    expect(deny({ AWS: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:root'] }, alice)).toBe(
      'ImplicitDeny',
    );
    expect(deny({ AWS: 'arn:aws:iam::111122223333:user/alice' }, alice)).toBe('ExplicitDeny');
    expect(deny({ AWS: [SESSION, ROLE, '111122223333'] }, session)).toBe('ImplicitDeny');
    expect(deny({ AWS: '444455556666' }, session)).toBe('ExplicitDeny');
    expect(deny({ AWS: '111122223333' }, { kind: 'anonymous' })).toBe('ExplicitDeny');
  });
});

describe('evaluatePolicy: actions and resources', () => {
  it('matches actions case-insensitively with * and ?', () => {
    expect(decide({ Action: 'VPC-LATTICE-SVCS:invoke' })).toBe('Allow');
    expect(decide({ Action: 'vpc-lattice-svcs:Inv?ke' })).toBe('Allow');
    expect(decide({ Action: 'vpc-lattice-svcs:Invoke?' })).toBe('ImplicitDeny');
    expect(decide({ Action: undefined, NotAction: 's3:*' })).toBe('Allow');
  });

  it('lets a * that ends an ARN part run past colons, but not one inside a part', () => {
    expect(decide({ Resource: 'arn:aws:vpc-lattice:*' })).toBe('Allow');
    expect(decide({ Resource: 'arn:aws:vpc-lattice:us-*:111122223333:service/svc-1/*' })).toBe('Allow');
    expect(decide({ Resource: 'arn:aws:vpc-lattice:*-1:service/svc-1/*' })).toBe('ImplicitDeny');
    expect(decide({ Resource: 'arn:aws:vpc-lattice:us-east-1:111122223333:service/SVC-1/*' })).toBe('ImplicitDeny');
  });

  it('matches a request without a resource only by "*"', () => {
    expect(decide({ Resource: '*' }, {}, { resource: null })).toBe('Allow');
    expect(decide({ Resource: 'arn:aws:vpc-lattice:*' }, {}, { resource: null })).toBe('ImplicitDeny');
  });
});

describe('evaluatePolicy: conditions', () => {
  it('compares ARNs part by part', () => {
    expect(when({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/call*' } }, { 'aws:PrincipalArn': ROLE })).toBe(
      'Allow',
    );
    expect(
      when(
        { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } },
        { 'aws:PrincipalArn': 'arn:aws:iam::1:2:role/x' },
      ),
    ).toBe('ImplicitDeny');
    expect(
      when({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } }, { 'aws:PrincipalArn': ROLE }),
    ).toBe('Allow');
  });

  it('compares IPv4 and IPv6 ranges, an IPv4-mapped address as IPv4', () => {
    expect(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:0:1::9' })).toBe(
      'Allow',
    );
    expect(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '::ffff:10.1.2.3' })).toBe('Allow');
    expect(when({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '192.0.2.1' })).toBe('Allow');
    expect(when({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '2001:db8::1' })).toBe('Allow');
  });

  it('takes dates as ISO 8601 or epoch seconds, numbers as decimals', () => {
    expect(
      when({ DateEquals: { 'aws:CurrentTime': '1748779200' } }, { 'aws:CurrentTime': '2025-06-01T12:00:00Z' }),
    ).toBe('Allow');
    expect(
      when(
        { DateLessThan: { 'aws:CurrentTime': '2025-06-01T13:00:00+01:00' } },
        { 'aws:CurrentTime': '2025-06-01T12:00:00Z' },
      ),
    ).toBe('ImplicitDeny');
    expect(when({ NumericEquals: { 'vpc-lattice-svcs:Port': '443.0' } }, { 'vpc-lattice-svcs:Port': '443' })).toBe(
      'Allow',
    );
  });

  it('needs a set operator for a multi-valued key', () => {
    const zone = { 'vpc-lattice-svcs:RequestQueryString/zone': ['a', 'b'] };
    expect(when({ StringEquals: { 'vpc-lattice-svcs:RequestQueryString/zone': 'a' } }, zone)).toBe('ImplicitDeny');
    expect(when({ StringNotEquals: { 'vpc-lattice-svcs:RequestQueryString/zone': 'c' } }, zone)).toBe('ImplicitDeny');
    expect(when({ 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/zone': 'a' } }, zone)).toBe(
      'Allow',
    );
    expect(when({ 'ForAllValues:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/zone': 'a' } }, zone)).toBe(
      'ImplicitDeny',
    );
  });

  it('treats an empty set as present: ForAllValues true, ForAnyValue false, Null false', () => {
    const empty = { 'aws:TagKeys': [] };
    expect(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'x' } }, empty)).toBe('Allow');
    expect(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'x' } }, empty)).toBe('ImplicitDeny');
    expect(when({ Null: { 'aws:TagKeys': 'false' } }, empty)).toBe('Allow');
  });

  it('resolves policy variables from single-valued keys, with defaults, only in Version 2012-10-17', () => {
    const team = { 'aws:PrincipalTag/team': 'payments', 'vpc-lattice-svcs:RequestPath': '/payments/x' };
    expect(when({ StringLike: { 'vpc-lattice-svcs:RequestPath': '/${aws:PrincipalTag/team}/*' } }, team)).toBe('Allow');
    expect(
      when({ StringLike: { 'vpc-lattice-svcs:RequestPath': "/${aws:PrincipalTag/unit, 'payments'}/*" } }, team),
    ).toBe('Allow');
    expect(
      when(
        { StringLike: { 'vpc-lattice-svcs:RequestPath': '/${aws:TagKeys}/*' } },
        { ...team, 'aws:TagKeys': ['payments'] },
      ),
    ).toBe('ImplicitDeny');
    const literal = decide(
      { Condition: { StringLike: { 'vpc-lattice-svcs:RequestPath': '/${aws:PrincipalTag/team}/*' } } },
      team,
      {},
      '2008-10-17',
    );
    expect(literal).toBe('ImplicitDeny');
    expect(
      decide(
        { Resource: `${RESOURCE.replace('parking', '')}\${aws:PrincipalTag/team}` },
        { 'aws:PrincipalTag/team': 'parking' },
      ),
    ).toBe('Allow');
  });

  it('substitutes values literally: a * in a tag value is not a wildcard', () => {
    expect(
      when(
        { StringLike: { 'vpc-lattice-svcs:RequestPath': '/${aws:PrincipalTag/team}' } },
        { 'aws:PrincipalTag/team': '*', 'vpc-lattice-svcs:RequestPath': '/x' },
      ),
    ).toBe('ImplicitDeny');
    expect(
      when({ StringEquals: { 'vpc-lattice-svcs:RequestPath': '/a${?}' } }, { 'vpc-lattice-svcs:RequestPath': '/a?' }),
    ).toBe('Allow');
  });

  it('matches key names case-insensitively, values of StringEquals case-sensitively', () => {
    expect(
      when({ StringEquals: { 'AWS:principaltag/TEAM': 'payments' } }, { 'aws:PrincipalTag/team': 'payments' }),
    ).toBe('Allow');
    expect(
      when({ StringEquals: { 'aws:PrincipalTag/team': 'Payments' } }, { 'aws:PrincipalTag/team': 'payments' }),
    ).toBe('ImplicitDeny');
    expect(
      when(
        { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'Payments' } },
        { 'aws:PrincipalTag/team': 'payments' },
      ),
    ).toBe('Allow');
  });
});
