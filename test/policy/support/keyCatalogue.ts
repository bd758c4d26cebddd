/**
 * Condition keys of a vpc-lattice-svcs:Invoke request that the generated cases use, with values
 * for the request and for policies. Pools overlap so that conditions match about half the time.
 */
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const SERVICE_ARN = `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:service/svc-0123456789abcdef0`;
export const NETWORK_ARN = `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:servicenetwork/sn-0123456789abcdef0`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/caller`;

export type KeyType = 'string' | 'strings' | 'numeric' | 'date' | 'epoch' | 'bool' | 'ip' | 'arn';

export interface KeySpec {
  key: string;
  type: KeyType;
  /** Values a request may carry (for 'strings': the members of the set). */
  request: readonly string[];
  /** Values a policy may compare with (operators of the key's own type). */
  policy: readonly string[];
}

const VARIABLES = [
  '${aws:PrincipalTag/team}',
  "${aws:PrincipalTag/env, 'dev'}",
  '${aws:username}',
  'pay${*}',
  'a${?}b',
];

export const KEYS: readonly KeySpec[] = [
  {
    key: 'aws:PrincipalTag/team',
    type: 'string',
    request: ['payments', 'Payments', 'search', 'pay*'],
    policy: ['payments', 'Payments', 'search', 'pay*', '*', 'p?yments', ...VARIABLES],
  },
  { key: 'aws:PrincipalTag/env', type: 'string', request: ['dev', 'prod'], policy: ['dev', 'prod', 'PROD', 'd*'] },
  {
    key: 'aws:username',
    type: 'string',
    request: ['payments', 'alice'],
    policy: ['alice', 'a*', '${aws:PrincipalTag/team}'],
  },
  {
    key: 'vpc-lattice-svcs:RequestMethod',
    type: 'string',
    request: ['GET', 'POST', 'get'],
    policy: ['GET', 'get', 'G?T', 'P*', 'DELETE'],
  },
  {
    key: 'vpc-lattice-svcs:RequestPath',
    type: 'string',
    request: ['/parking', '/parking/lot-1', '/admin', '/Admin'],
    policy: ['/parking', '/parking*', '/admin/*', '/?dmin', '/${aws:PrincipalTag/team}*'],
  },
  {
    key: 'vpc-lattice-svcs:RequestHeader/x-team',
    type: 'string',
    request: ['payments', 'a*b', 'a?b', 'search'],
    policy: ['payments', 'a*b', 'a${*}b', 'a${?}b', '${aws:PrincipalTag/team}'],
  },
  {
    key: 'aws:PrincipalOrgID',
    type: 'string',
    request: ['o-abc123def4', 'o-zzz999'],
    policy: ['o-abc123def4', 'o-*', 'O-ABC123DEF4'],
  },
  {
    key: 'vpc-lattice-svcs:SourceVpc',
    type: 'string',
    request: ['vpc-0aaaa', 'vpc-0bbbb'],
    policy: ['vpc-0aaaa', 'vpc-0*'],
  },
  {
    key: 'vpc-lattice-svcs:RequestQueryString/zone',
    type: 'strings',
    request: ['a', 'b', 'c', 'A'],
    policy: ['a', 'b', 'A', '?', '*'],
  },
  {
    key: 'aws:PrincipalOrgPaths',
    type: 'strings',
    request: ['o-abc123def4/r-ab12/ou-ab12-1/', 'o-abc123def4/r-ab12/ou-ab12-2/'],
    policy: ['o-abc123def4/r-ab12/ou-ab12-1/', 'o-abc123def4/r-ab12/*', 'o-zzz/*'],
  },
  { key: 'aws:TagKeys', type: 'strings', request: ['team', 'env', 'Owner'], policy: ['team', 'env', 'owner', 'Own*'] },
  {
    key: 'vpc-lattice-svcs:Port',
    type: 'numeric',
    request: ['443', '80', '8443', '0'],
    policy: ['443', '80', '1024', '443.0', '8443', '-1'],
  },
  { key: 'aws:MultiFactorAuthAge', type: 'numeric', request: ['0', '3600', '86400'], policy: ['3600', '0', '86400.5'] },
  {
    key: 'aws:CurrentTime',
    type: 'date',
    request: ['2025-06-01T12:00:00Z', '2024-01-01T00:00:00Z', '2026-03-01T08:30:00Z'],
    policy: ['2025-01-01T00:00:00Z', '2025-06-01T12:00:00Z', '2025-06-01', '2026-03-01T09:30:00+01:00', '1748779200'],
  },
  {
    key: 'aws:TokenIssueTime',
    type: 'date',
    request: ['2025-06-01T11:00:00Z', '2025-05-01T00:00:00Z'],
    policy: ['2025-06-01T11:00:00Z', '2025-05-15T00:00:00Z'],
  },
  {
    key: 'aws:EpochTime',
    type: 'epoch',
    request: ['1748779200', '1700000000'],
    policy: ['1748779200', '1700000000', '1735689600', '2025-06-01T12:00:00Z'],
  },
  { key: 'aws:SecureTransport', type: 'bool', request: ['true', 'false'], policy: ['true', 'false', 'TRUE'] },
  { key: 'aws:MultiFactorAuthPresent', type: 'bool', request: ['true', 'false'], policy: ['true', 'false'] },
  {
    key: 'aws:SourceIp',
    type: 'ip',
    request: ['10.0.1.23', '10.1.0.5', '192.168.1.1', '2001:db8::1', '2001:db9::1'],
    policy: ['10.0.0.0/16', '10.0.1.23', '10.0.1.23/32', '192.168.0.0/16', '2001:db8::/32', '0.0.0.0/0', '10.0.1.0/24'],
  },
  {
    key: 'aws:PrincipalArn',
    type: 'arn',
    request: [ROLE_ARN, `arn:aws:iam::${OTHER_ACCOUNT}:role/other`, `arn:aws:iam::${ACCOUNT}:role/team/caller`],
    policy: [
      ROLE_ARN,
      `arn:aws:iam::${ACCOUNT}:role/*`,
      'arn:aws:iam::*:role/call*',
      `arn:aws:iam::${ACCOUNT}:role/Caller`,
      'arn:aws:iam::????????????:role/other',
      'arn:aws:*:*:*:role/*',
      `arn:aws:iam::${ACCOUNT}:role/\${aws:username}`,
    ],
  },
  {
    key: 'vpc-lattice-svcs:ServiceNetworkArn',
    type: 'arn',
    request: [NETWORK_ARN, NETWORK_ARN.replace(ACCOUNT, OTHER_ACCOUNT)],
    policy: [
      NETWORK_ARN,
      'arn:aws:vpc-lattice:*:*:servicenetwork/*',
      `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:*`,
      'arn:aws:vpc-lattice:us-?ast-1:*:servicenetwork/sn-*',
    ],
  },
];

export const STRING_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
];
export const OPERATORS_BY_TYPE: Record<KeyType, readonly string[]> = {
  string: STRING_OPERATORS,
  strings: STRING_OPERATORS,
  numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  epoch: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateGreaterThanEquals', 'NumericLessThan', 'NumericEquals'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike', 'StringEquals'],
};
