import { describe, expect, it } from 'vitest';
import {
  authorizeRequest,
  DEFAULT_ORG_SETTINGS,
  getRcpFullAwsAccess,
  type AuthorizationInput,
  type PrincipalPolicies,
  type ResourcePolicies,
} from '../../../policy';
import {
  ACCOUNT,
  allow,
  deny,
  identity,
  levels,
  OTHER_ACCOUNT,
  OU,
  requestOf,
  resourcePolicy,
  ROLE_ARN,
  SESSION_ARN,
  USER_ARN,
} from './support';

const EVAL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html';
const SCP_EVAL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html';
const SCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html';
const RCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html';
const BOUNDARIES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html';
const SESSION = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_assumerole.html';
const CROSS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html';

const BUCKET = 'arn:aws:s3:::productionapp';
const OBJECT = `${BUCKET}/report.csv`;
const noResource: ResourcePolicies = { account: ACCOUNT };

function decide(
  principal: Partial<PrincipalPolicies>,
  action: string,
  resource: string,
  resourceSide: ResourcePolicies = noResource,
  options: { user?: boolean } = {},
) {
  const input: AuthorizationInput = {
    request: requestOf(action, resource, options),
    principal: { identityPolicies: [identity(allow('*'))], ...principal },
    resource: resourceSide,
  };
  return authorizeRequest(input);
}

describe(`SCPs down the organization tree (${SCP_EVAL})`, () => {
  it(
    '"How SCPs work with Allow": FullAWSAccess at the root, the OU and the ' +
      'account lets the identity policy decide',
    () => {
      expect(decide({ scp: { levels: levels() } }, 's3:GetObject', OBJECT)).toMatchObject({ allowed: true });
    },
  );

  it(
    '"How SCPs work with Allow": an allow is needed at every level; an OU ' +
      'with only a Deny-list SCP (FullAWSAccess detached) denies everything',
    () => {
      const denyListOnly = identity(deny('ec2:*'));
      const result = decide({ scp: { levels: levels({ ou: [denyListOnly] }, { ou: true }) } }, 's3:GetObject', OBJECT);
      expect(result).toMatchObject({ allowed: false, deniedBy: 'scp', explicit: false });
      expect(result.explanation.find((e) => e.type === 'scp')!.levels!.map((l) => [l.id, l.decision])).toEqual([
        ['r-ab12', 'Allow'],
        [OU, 'ImplicitDeny'],
        [ACCOUNT, 'Allow'],
      ]);
    },
  );

  it(
    '"How SCPs work with Allow": an OU allow-list (only EC2 and S3) bounds ' +
      'the account even with FullAWSAccess below it',
    () => {
      const allowList = identity(allow(['ec2:*', 's3:*']));
      const scp = { levels: levels({ ou: [allowList] }, { ou: true }) };
      expect(decide({ scp }, 's3:GetObject', OBJECT).allowed).toBe(true);
      expect(decide({ scp }, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:q')).toMatchObject({
        allowed: false,
        deniedBy: 'scp',
        explicit: false,
      });
    },
  );

  it('"How SCPs work with Deny": a Deny at one level wins over FullAWSAccess at every level', () => {
    const result = decide({ scp: { levels: levels({ ou: [identity(deny('s3:*'))] }) } }, 's3:GetObject', OBJECT);
    expect(result).toMatchObject({ allowed: false, deniedBy: 'scp', explicit: true });
  });

  it('SCPs grant nothing: FullAWSAccess everywhere and no identity policy is an identity-based implicit deny', () => {
    expect(decide({ identityPolicies: [], scp: { levels: levels() } }, 's3:GetObject', OBJECT)).toMatchObject({
      allowed: false,
      deniedBy: 'identity',
    });
  });
});

describe(`entities SCPs do not restrict (${SCPS}, "Tasks and entities not restricted by SCPs")`, () => {
  const denyAll = { levels: levels({ root: [identity(deny('*'))] }) };

  it('the management account is not restricted by SCPs, even a Deny *', () => {
    const result = decide({ scp: { ...denyAll, isManagementAccount: true } }, 's3:GetObject', OBJECT);
    expect(result.allowed).toBe(true);
    expect(result.explanation.find((e) => e.type === 'scp')).toMatchObject({ decision: 'NotApplicable' });
  });

  it('service-linked roles are not restricted by SCPs', () => {
    expect(decide({ scp: denyAll, isServiceLinkedRole: true }, 's3:GetObject', OBJECT).allowed).toBe(true);
  });

  it('a member account is', () => {
    expect(decide({ scp: denyAll }, 's3:GetObject', OBJECT)).toMatchObject({
      allowed: false,
      deniedBy: 'scp',
      explicit: true,
    });
  });
});

describe(`permissions boundaries (${BOUNDARIES})`, () => {
  // "Evaluating effective permissions with boundaries": the boundary allows S3, CloudWatch and EC2;
  // the identity policy grants iam:CreateUser: the user cannot create users.
  const boundary = identity(allow(['s3:*', 'cloudwatch:*', 'ec2:*']));

  it(
    'identity ∩ boundary: iam:CreateUser granted by the identity policy but ' +
      'not by the boundary is denied by the boundary',
    () => {
      const result = decide(
        { identityPolicies: [identity(allow('iam:CreateUser'))], permissionsBoundary: boundary },
        'iam:CreateUser',
        `arn:aws:iam::${ACCOUNT}:user/new`,
        noResource,
        { user: true },
      );
      expect(result).toMatchObject({ allowed: false, deniedBy: 'boundary', explicit: false });
    },
  );

  it(
    'identity ∩ boundary: an action both allow is allowed; one the boundary ' +
      'allows but no identity policy grants is not',
    () => {
      const identityPolicies = [identity(allow('s3:GetObject'))];
      expect(decide({ identityPolicies, permissionsBoundary: boundary }, 's3:GetObject', OBJECT).allowed).toBe(true);
      expect(decide({ identityPolicies, permissionsBoundary: boundary }, 'ec2:RunInstances', '*')).toMatchObject({
        allowed: false,
        deniedBy: 'identity',
      });
    },
  );

  it('an explicit deny in the boundary wins', () => {
    const result = decide(
      { permissionsBoundary: identity(allow('*'), deny('s3:DeleteObject')) },
      's3:DeleteObject',
      OBJECT,
    );
    expect(result).toMatchObject({ allowed: false, deniedBy: 'boundary', explicit: true });
  });
});

describe(`session policies (${SESSION}, "Example: Assigning permissions using AssumeRole")`, () => {
  // The role may list productionapp and get, put and delete its objects; the session policy passed
  // to AssumeRole allows only s3:GetObject on productionapp/*.
  const rolePolicy = identity(
    allow('s3:ListBucket', BUCKET),
    allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], `${BUCKET}/*`),
  );
  const sessionPolicies = [identity(allow('s3:GetObject', `${BUCKET}/*`))];

  it('role ∩ session: GetObject is allowed, PutObject is denied by the session policy', () => {
    expect(decide({ identityPolicies: [rolePolicy], sessionPolicies }, 's3:GetObject', OBJECT).allowed).toBe(true);
    expect(decide({ identityPolicies: [rolePolicy], sessionPolicies }, 's3:PutObject', OBJECT)).toMatchObject({
      allowed: false,
      deniedBy: 'session',
      explicit: false,
    });
  });

  it(
    'a session policy cannot grant more than the role: s3:ListAllMyBuckets ' +
      'allowed by the session only is an identity-based deny',
    () => {
      const wide = [identity(allow('s3:*'))];
      expect(
        decide({ identityPolicies: [rolePolicy], sessionPolicies: wide }, 's3:ListAllMyBuckets', '*'),
      ).toMatchObject({ allowed: false, deniedBy: 'identity' });
    },
  );

  it('an explicit deny in a session policy wins', () => {
    const result = decide(
      { identityPolicies: [rolePolicy], sessionPolicies: [identity(allow('s3:*'), deny('s3:DeleteObject'))] },
      's3:DeleteObject',
      OBJECT,
    );
    expect(result).toMatchObject({ allowed: false, deniedBy: 'session', explicit: true });
  });

  it(`no session policy: a role session is allowed by its identity policy alone (${EVAL}, "Session policies")`, () => {
    expect(decide({ identityPolicies: [rolePolicy] }, 's3:PutObject', OBJECT).allowed).toBe(true);
  });
});

describe(`same-account resource-based policies and implicit denies (${EVAL}, "Resource-based policies")`, () => {
  const denyAllBoundary = identity(allow('ec2:DescribeInstances'));
  const narrowSession = [identity(allow('ec2:DescribeInstances'))];
  const bucketFor = (principal: string) => ({
    account: ACCOUNT,
    policy: resourcePolicy({ Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:*', Resource: `${BUCKET}/*` }),
  });

  it(
    'IAM role session: a policy naming the session ARN is not limited by an ' +
      'implicit deny in identity, boundary or session policies',
    () => {
      const result = decide(
        { identityPolicies: [], permissionsBoundary: denyAllBoundary, sessionPolicies: narrowSession },
        's3:GetObject',
        OBJECT,
        bucketFor(SESSION_ARN),
      );
      expect(result.allowed).toBe(true);
    },
  );

  it(
    'IAM role: a policy naming the role ARN is limited by an implicit deny ' + 'in the boundary or a session policy',
    () => {
      expect(
        decide(
          { identityPolicies: [], permissionsBoundary: denyAllBoundary },
          's3:GetObject',
          OBJECT,
          bucketFor(ROLE_ARN),
        ),
      ).toMatchObject({ allowed: false, deniedBy: 'boundary' });
      expect(
        decide({ identityPolicies: [], sessionPolicies: narrowSession }, 's3:GetObject', OBJECT, bucketFor(ROLE_ARN)),
      ).toMatchObject({ allowed: false, deniedBy: 'session' });
    },
  );

  it('IAM role: ... but not by an implicit deny in the identity-based policy', () => {
    expect(decide({ identityPolicies: [] }, 's3:GetObject', OBJECT, bucketFor(ROLE_ARN)).allowed).toBe(true);
  });

  it(
    'IAM user: a policy naming the user ARN is not limited by an implicit ' +
      'deny in identity-based policies or the boundary',
    () => {
      const result = decide(
        { identityPolicies: [], permissionsBoundary: denyAllBoundary },
        's3:GetObject',
        OBJECT,
        bucketFor(USER_ARN),
        { user: true },
      );
      expect(result.allowed).toBe(true);
    },
  );

  it('an explicit deny still wins over a policy naming the session', () => {
    const result = decide(
      { permissionsBoundary: identity(allow('*'), deny('s3:GetObject')) },
      's3:GetObject',
      OBJECT,
      bucketFor(SESSION_ARN),
    );
    expect(result).toMatchObject({ allowed: false, deniedBy: 'boundary', explicit: true });
  });

  it(
    'a policy naming only the account delegates to the identity-based ' +
      'policies (as trust policies do in this project)',
    () => {
      expect(decide({ identityPolicies: [] }, 's3:GetObject', OBJECT, bucketFor(ACCOUNT))).toMatchObject({
        allowed: false,
        deniedBy: 'identity',
      });
    },
  );
});

describe(`cross-account requests (${CROSS})`, () => {
  const crossBucket = (principal: string): ResourcePolicies => ({
    account: OTHER_ACCOUNT,
    policy: resourcePolicy({
      Effect: 'Allow',
      Principal: { AWS: principal },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    }),
  });

  it('both the resource-based policy and the identity side must allow', () => {
    expect(decide({}, 's3:GetObject', OBJECT, crossBucket(SESSION_ARN)).allowed).toBe(true);
    expect(decide({ identityPolicies: [] }, 's3:GetObject', OBJECT, crossBucket(SESSION_ARN))).toMatchObject({
      allowed: false,
      deniedBy: 'identity',
    });
    expect(decide({}, 's3:GetObject', OBJECT, { account: OTHER_ACCOUNT })).toMatchObject({
      allowed: false,
      deniedBy: 'resource',
    });
  });

  it("a policy naming the session does not escape the caller's boundary across accounts", () => {
    const result = decide(
      { permissionsBoundary: identity(allow('ec2:*')) },
      's3:GetObject',
      OBJECT,
      crossBucket(SESSION_ARN),
    );
    expect(result).toMatchObject({ allowed: false, deniedBy: 'boundary', explicit: false });
  });
});

describe(`RCPs (${RCPS})`, () => {
  const TARGET_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/target`;
  const trust = resourcePolicy({
    Effect: 'Allow',
    Principal: { AWS: ROLE_ARN },
    Action: 'sts:AssumeRole',
    Resource: '*',
  });
  // "Resource control policy examples": keep STS to the organization's identities.
  const orgOnly = resourcePolicy({
    Effect: 'Deny',
    Principal: '*',
    Action: 'sts:AssumeRole',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-someotherorg' } },
  });
  const rcpLevels = (policies = [getRcpFullAwsAccess()]) => ({
    levels: [
      { id: 'r-cd34', policies },
      { id: OTHER_ACCOUNT, policies: [getRcpFullAwsAccess()] },
    ],
  });
  const target = (rcp = rcpLevels()): ResourcePolicies => ({
    account: OTHER_ACCOUNT,
    policy: trust,
    required: true,
    rcp,
  });

  it('RCPFullAWSAccess everywhere lets the trust and identity policies decide sts:AssumeRole', () => {
    expect(decide({}, 'sts:AssumeRole', TARGET_ROLE, target()).allowed).toBe(true);
  });

  it("an explicit deny in an RCP of the role's account refuses sts:AssumeRole", () => {
    expect(
      decide({}, 'sts:AssumeRole', TARGET_ROLE, target(rcpLevels([getRcpFullAwsAccess(), orgOnly]))),
    ).toMatchObject({ allowed: false, deniedBy: 'rcp', explicit: true });
  });

  it('RCPs do not apply to services they do not support (the setting decides; vpc-lattice-svcs is not in it)', () => {
    expect(DEFAULT_ORG_SETTINGS.rcpServices).toContain('sts');
    expect(DEFAULT_ORG_SETTINGS.rcpServices).not.toContain('vpc-lattice-svcs');
    const denyAll = resourcePolicy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' });
    const side: ResourcePolicies = {
      account: OTHER_ACCOUNT,
      policy: resourcePolicy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
      rcp: rcpLevels([getRcpFullAwsAccess(), denyAll]),
    };
    expect(
      decide({}, 'vpc-lattice-svcs:Invoke', 'arn:aws:vpc-lattice:us-east-1:444455556666:service/svc-1/', side).allowed,
    ).toBe(true);
  });

  it('resources of the management account are not restricted by RCPs', () => {
    const rcp = { ...rcpLevels([getRcpFullAwsAccess(), orgOnly]), isManagementAccount: true };
    expect(decide({}, 'sts:AssumeRole', TARGET_ROLE, target(rcp)).allowed).toBe(true);
  });

  it('a trust policy must allow: without it the caller is refused by the resource-based policy', () => {
    const side: ResourcePolicies = {
      account: OTHER_ACCOUNT,
      policy: resourcePolicy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999999999999:root' },
        Action: 'sts:AssumeRole',
        Resource: '*',
      }),
      required: true,
    };
    expect(decide({}, 'sts:AssumeRole', TARGET_ROLE, side)).toMatchObject({
      allowed: false,
      deniedBy: 'resource',
      explicit: false,
    });
  });
});

describe(`explicit denies come first (${EVAL}, "Deny evaluation")`, () => {
  it('an identity-based explicit deny is named even when an SCP implicitly denies', () => {
    const scp = { levels: levels({ ou: [identity(deny('ec2:*'))] }, { ou: true }) };
    const result = decide({ identityPolicies: [identity(allow('*'), deny('s3:*'))], scp }, 's3:GetObject', OBJECT);
    expect(result).toMatchObject({ allowed: false, deniedBy: 'identity', explicit: true });
  });

  it('an explicit deny in an identity-based policy wins over a same-account policy naming the session', () => {
    const bucket = {
      account: ACCOUNT,
      policy: resourcePolicy({ Effect: 'Allow', Principal: { AWS: SESSION_ARN }, Action: 's3:*', Resource: '*' }),
    };
    expect(decide({ identityPolicies: [identity(deny('s3:*'))] }, 's3:GetObject', OBJECT, bucket)).toMatchObject({
      allowed: false,
      deniedBy: 'identity',
      explicit: true,
    });
  });
});
