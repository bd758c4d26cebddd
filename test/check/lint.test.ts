import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedWorld, withImplicitResource } from '../../world';
import { findPolicyFiles, POLICIES_DIR } from '../../harness/check/findPolicyFiles';
import { canMatchPrefix } from '../../harness/check/lint/canMatchPrefix';
import { lintPolicy, type LintTarget } from '../../harness/check/lint/lintPolicy';
import { lintWorld } from '../../harness/check/lint/lintWorld';
import { runCheckCli } from '../../harness/check/runCheckCli';
import { joinPatterns } from '../support/joinPatterns';
import { ECHO_ARN, PARKING_ARN } from './support/worlds';

const BILLING_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0fedcba9876543210';
const servicePolicy: LintTarget = {
  policy: 'service parking auth policy',
  use: 'auth',
  kind: 'resource',
  serviceArns: [PARKING_ARN],
  sourceOrgIdMode: 'principal',
};
const allow = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'vpc-lattice-svcs:Invoke',
  Resource: '*',
  ...extra,
});
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('lintPolicy', () => {
  it('an invalid policy is an error naming where', () => {
    const findings = lintPolicy(doc({ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }), {
      ...servicePolicy,
      file: '/p/service.json',
    });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'invalid-policy',
        file: '/p/service.json',
        where: 'Statement[0].Principal',
        message: expect.stringContaining('MissingField'),
      }),
    ]);
    expect(
      lintPolicy(doc(allow({ Condition: { StringEqualz: { 'aws:PrincipalOrgID': 'o-1' } } })), servicePolicy)[0],
    ).toMatchObject({
      severity: 'error',
      where: 'Statement[0].Condition.StringEqualz',
      message: expect.stringContaining('did you mean "StringEquals"?'),
    });
  });

  it("the engine's warnings: values that can never match", () => {
    const findings = lintPolicy(
      doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } } })),
      servicePolicy,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'engine-warning',
        where: 'Statement[0].Condition.IpAddress.aws:SourceIp',
      }),
    ]);
  });

  it('a statement of an auth policy whose Action never matches vpc-lattice-svcs:Invoke', () => {
    const findings = lintPolicy(
      doc(
        allow({ Sid: 'Wrong', Action: ['s3:GetObject', 'vpc-lattice:GetService'] }),
        allow({ NotAction: 'vpc-lattice-svcs:*', Action: undefined }),
        allow({ Action: 'vpc-lattice-svcs:Inv*' }),
        allow({ Action: '*' }),
      ),
      servicePolicy,
    );
    expect(findings.map((f) => [f.rule, f.where, f.message])).toEqual([
      [
        'action-never-invoke',
        'Statement[0] (Sid "Wrong").Action',
        'Action ["s3:GetObject","vpc-lattice:GetService"] never matches vpc-lattice-svcs:Invoke',
      ],
      [
        'action-never-invoke',
        'Statement[1].NotAction',
        'NotAction ["vpc-lattice-svcs:*"] excludes vpc-lattice-svcs:Invoke',
      ],
    ]);
    expect(findings[0]!.why).toContain('only ever asked about vpc-lattice-svcs:Invoke');
    // An identity policy may hold statements for other actions.
    const identity = doc({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrg': 'o-1' } },
    });
    expect(lintPolicy(identity, { policy: 'role', use: 'identity', kind: 'identity' })).toEqual([]);
  });

  it(
    'a condition key an Invoke request does not carry, with the key ' +
      'probably meant; key names are case-insensitive',
    () => {
      const findings = lintPolicy(
        doc(
          allow({
            Condition: {
              StringEquals: {
                'aws:PrincipalOrg': 'o-1',
                'aws:PrincipalOrgId': 'o-1',
                'aws:SourceVpc': 'vpc-1',
                'vpc-lattice-svcs:RequestHeader': 'x',
                'VPC-LATTICE-SVCS:requestheader/X-Team': 'blue',
                'aws:PrincipalTag/team': 'a',
                // IAM User Guide: aws:RequestedRegion "is always included in the request context".
                'aws:RequestedRegion': 'us-east-1',
              },
            },
          }),
        ),
        servicePolicy,
      );
      expect(findings.map((f) => [f.rule, f.where, f.message])).toEqual([
        [
          'unknown-condition-key',
          'Statement[0].Condition.StringEquals.aws:PrincipalOrg',
          'aws:PrincipalOrg is not a key of an Invoke request (did you mean aws:PrincipalOrgID?)',
        ],
        [
          'unknown-condition-key',
          'Statement[0].Condition.StringEquals.aws:SourceVpc',
          'aws:SourceVpc is not a key of an Invoke request (did you mean vpc-lattice-svcs:SourceVpc?)',
        ],
        [
          'unknown-condition-key',
          'Statement[0].Condition.StringEquals.vpc-lattice-svcs:RequestHeader',
          'vpc-lattice-svcs:RequestHeader is not a key of an Invoke request (did ' +
            'you mean vpc-lattice-svcs:RequestHeader/?)',
        ],
      ]);
      expect(findings[0]!.why).toContain('always absent');
      // In an identity policy, the Invoke statements are linted too.
      const identity = lintPolicy(
        doc({
          Effect: 'Allow',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrg': 'o-1' } },
        }),
        {
          policy: 'role',
          use: 'identity',
          kind: 'identity',
        },
      );
      expect(rules(identity)).toEqual(['unknown-condition-key']);
    },
  );

  it('aws:SourceOrgID: undocumented for Lattice, with its three possible meanings and the world’s reading', () => {
    const [finding, ...rest] = lintPolicy(
      doc(allow({ Condition: { StringEquals: { 'aws:sourceorgid': 'o-1' } } })),
      servicePolicy,
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'warning',
      rule: 'source-org-id',
      where: 'Statement[0].Condition.StringEquals.aws:sourceorgid',
    });
    expect(finding!.why).toContain("(1) the organization of the calling principal's account");
    expect(finding!.why).toContain('(2) the organization of the account that owns the source VPC');
    expect(finding!.why).toContain('(3) nothing: Lattice never sets the key');
    expect(finding!.why).toContain('The local world reads it as "principal"');
  });

  it('a Resource that names another service, the service without a path, or no Lattice service at all', () => {
    const findings = lintPolicy(
      doc(
        allow({
          Resource: [
            'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0aaaaaaaaaaaaaaaa/*',
            PARKING_ARN,
            'arn:aws:s3:::bucket/*',
            `${PARKING_ARN}/admin*`,
            'arn:aws:vpc-lattice:*:*:service/*',
            'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef?/*',
            'arn:aws:vpc-lattice:us-east-1:${aws:PrincipalAccount}:service/*',
          ],
        }),
      ),
      servicePolicy,
    );
    expect(findings.map((f) => f.message)).toEqual([
      `Resource "arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0aaaaaaaaaaaaaaaa/*" ` +
        `names another service (svc-0aaaaaaaaaaaaaaaa), not ${PARKING_ARN}`,
      `Resource "${PARKING_ARN}" is the service ARN without a path and matches no Invoke: use "${PARKING_ARN}/*"`,
      `Resource "arn:aws:s3:::bucket/*" is not a resource of ${PARKING_ARN}`,
    ]);
    expect(new Set(rules(findings))).toEqual(new Set(['resource-other-service']));
    // A network's policy decides the Invokes of every service in the network.
    const network: LintTarget = {
      policy: 'network',
      use: 'auth',
      kind: 'resource',
      serviceArns: [PARKING_ARN, ECHO_ARN],
    };
    expect(
      lintPolicy(doc(allow({ Resource: [`${ECHO_ARN}/*`, `${BILLING_ARN}/*`] })), network).map((f) => f.message),
    ).toEqual([
      `Resource "${BILLING_ARN}/*" names another service ` +
        `(svc-0fedcba9876543210), not any of ${PARKING_ARN}, ${ECHO_ARN}`,
    ]);
  });

  it('a plain operator on RequestQueryString/<key> in a Deny, which a repeated query key walks past', () => {
    const conditions = {
      StringEquals: { 'vpc-lattice-svcs:RequestQueryString/mode': 'admin' },
      StringNotLikeIfExists: { 'vpc-lattice-svcs:requestquerystring/debug': 'off' },
      'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/x': '1' },
      'ForAllValues:StringLike': { 'vpc-lattice-svcs:RequestQueryString/y': 'a*' },
      Null: { 'vpc-lattice-svcs:RequestQueryString/z': 'true' },
    };
    const findings = lintPolicy(doc(allow({}), allow({ Effect: 'Deny', Condition: conditions })), servicePolicy);
    expect(findings.map((f) => [f.rule, f.where])).toEqual([
      ['query-string-single-valued', 'Statement[1].Condition.StringEquals.vpc-lattice-svcs:RequestQueryString/mode'],
      [
        'query-string-single-valued',
        'Statement[1].Condition.StringNotLikeIfExists.vpc-lattice-svcs:requestquerystring/debug',
      ],
    ]);
    expect(findings[0]!.message).toContain('(use ForAnyValue:StringEquals)');
    expect(findings[1]!.message).toContain('(use ForAnyValue:StringNotLike)');
    expect(findings[0]!.why).toContain('require a condition set operator');
    // In an Allow a repeated key can only refuse: one value is compared as the IAM guide says, nothing to warn.
    expect(lintPolicy(doc(allow({ Condition: conditions })), servicePolicy)).toEqual([]);
  });
});

describe("lintPolicy: conditions on the client's User-Agent", () => {
  const trust = doc({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::333333333333:root' },
    Action: 'sts:AssumeRole',
    Condition: { StringLike: { 'aws:UserAgent': 'aws-sdk-js/*', 'aws:PrincipalArn': '*' } },
  });
  const target: LintTarget = { policy: 'role b trust policy', use: 'other', kind: 'resource' };

  it("warns on aws:UserAgent (any case) in a policy that decides a client's requests, and on nothing else", () => {
    // A trust policy has no Resource: lintWorld lints it with the role as its resource, as here.
    const findings = lintPolicy(withImplicitResource(trust), { ...target, decidesClientRequests: true });
    expect(findings.map((f) => [f.severity, f.rule, f.where])).toEqual([
      ['warning', 'client-dependent-key', 'Statement[0].Condition.StringLike.aws:UserAgent'],
    ]);
    expect(findings[0]!.message).toBe("aws:UserAgent is the client's User-Agent header: check predicts it as absent");
    const lower = JSON.parse(JSON.stringify(trust).replace('aws:UserAgent', 'aws:useragent'));
    const linted = lintPolicy(withImplicitResource(lower), { ...target, decidesClientRequests: true });
    expect(rules(linted)).toEqual(['client-dependent-key']);
    // A policy that decides no client's request (the runner's own) is not linted for it.
    expect(lintPolicy(withImplicitResource(trust), target)).toEqual([]);
  });

  it("lintWorld flags it in a role's trust policy and a relay's function policy", () => {
    const spec = seedWorld();
    const role = spec.roles[0]!;
    role.trustPolicy = trust;
    spec.relays = [
      {
        name: 'b',
        account: role.account,
        vpc: spec.vpcs[0]!.id,
        functionName: 'relay-b',
        arn: `arn:aws:lambda:us-east-1:${role.account}:function:relay-b`,
        policy: doc({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::333333333333:root' },
          Action: 'lambda:InvokeFunction',
          Resource: `arn:aws:lambda:us-east-1:${role.account}:function:relay-b`,
          Condition: { StringNotLike: { 'aws:UserAgent': '*curl*' } },
        }),
      },
    ];
    const found = lintWorld(spec).filter((f) => f.rule === 'client-dependent-key');
    expect(found.map((f) => [f.policy, f.where])).toEqual([
      [`role ${role.name} (${role.account}) trust policy`, 'Statement[0].Condition.StringLike.aws:UserAgent'],
      [
        `relay b (function relay-b, ${role.account}) resource policy`,
        'Statement[0].Condition.StringNotLike.aws:UserAgent',
      ],
    ]);
  });
});

describe('canMatchPrefix', () => {
  it('tells whether a wildcard pattern can match some string with a prefix', () => {
    expect(canMatchPrefix('arn:*:service/svc-1/*', 'arn:aws:x:service/svc-1/')).toBe(true);
    expect(canMatchPrefix('a?c*', 'abc/')).toBe(true);
    expect(canMatchPrefix('abc', 'abc/')).toBe(false);
    expect(canMatchPrefix('ab', 'a')).toBe(true);
    expect(canMatchPrefix('a**b', 'axyz')).toBe(true);
    expect(canMatchPrefix('x*', 'y')).toBe(false);
  });
});

describe('lintWorld', () => {
  it('the seed world: one warning, aws:SourceOrgID in the network guardrail, named by its file', () => {
    const spec = seedWorld();
    const findings = lintWorld(spec, { policyFiles: findPolicyFiles(spec) });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'source-org-id',
        file: join(POLICIES_DIR, 'network-org-guardrail.json'),
        where: 'Statement[0].Condition.StringEquals.aws:SourceOrgID',
      }),
    ]);
  });

  it(
    'a policy that does not parse: a lint error with its file and where, no ' + 'prediction, and check exits 1',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-policies-'));
      const broken = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: '*',
            Condition: { StringEqualz: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          },
        ],
      };
      writeFileSync(join(dir, 'service-parking.json'), JSON.stringify(broken, null, 2));
      const world = () => {
        const spec = seedWorld();
        spec.services.find((s) => s.name === 'parking')!.policy = JSON.parse(JSON.stringify(broken));
        return spec;
      };
      const out: string[] = [];
      const code = await runCheckCli(
        ['in-org'],
        { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) }, cwd: dir },
        { world, policiesDir: dir },
      );
      const text = out.join('');
      expect(code).toBe(1);
      expect(text).toContain('DISAGREES in-org › consumer-b');
      expect(text).toContain(
        'predicted: nothing (a policy of the world is invalid: service parking ' +
          'auth policy: UnknownOperator at Statement[0].Condition.StringEqualz',
      );
      expect(text).toMatch(
        joinPatterns([
          /ERROR +invalid-policy +service parking auth policy .*\[service-parking\.json\]\n/,
          / +at: +Statement\[0\]\.Condition\.StringEqualz\n/,
        ]),
      );
    },
  );
});
