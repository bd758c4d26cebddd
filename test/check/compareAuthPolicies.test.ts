import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteAuthPolicy } from '../../world/rewriteAuthPolicy';
import { compareAuthPolicies } from '../../harness/check/deployed/compareAuthPolicies';
import { formatDeployedReport } from '../../harness/check/deployed/formatDeployedReport';
import { projectRoot } from '../support/paths';

const policyFile = (name: string) =>
  JSON.parse(readFileSync(join(projectRoot, 'scenarios', 'worlds', 'demo', name), 'utf8'));
const PARKING = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';

/** The organization guardrail as a user writes it: no Version, a single Statement object, keys in their own order. */
const guardrail = (org = 'o-a1b2c3d4e5') => ({
  Statement: {
    Effect: 'Allow',
    Principal: '*',
    Resource: '*',
    Action: 'vpc-lattice-svcs:Invoke',
    Condition: { StringEquals: { 'aws:SourceOrgID': org } },
  },
});

describe('compareAuthPolicies: what AWS does to a stored policy is no difference (lattice-behaviour.md §7)', () => {
  it('Version added, a single Statement wrapped in an array, keys reordered, compact JSON: the same', () => {
    // What GetAuthPolicy gives back for it, written out by hand in AWS's order.
    const deployed =
      '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"vpc-lattice-svcs:Invoke",' +
      '"Resource":"*","Condition":{"StringEquals":{"aws:SourceOrgID":"o-a1b2c3d4e5"}}}]}';
    expect(compareAuthPolicies(guardrail(), JSON.parse(deployed))).toEqual([]);
  });

  it('every policy as code, as the local control plane stores it: the same', () => {
    for (const name of ['network-org-guardrail.json', 'service-parking.json', 'identity-invoke.json']) {
      const code = policyFile(name);
      expect(compareAuthPolicies(code, JSON.parse(rewriteAuthPolicy(code))), name).toEqual([]);
    }
  });

  it('a string where IAM also takes an array, in every such element: the same', () => {
    const code = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '222222222222' },
          Action: 'vpc-lattice-svcs:Invoke',
          NotResource: `${PARKING}/admin*`,
          Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } },
        },
      ],
    };
    const deployed = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['222222222222'] },
          Action: ['vpc-lattice-svcs:Invoke'],
          NotResource: [`${PARKING}/admin*`],
          Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET'] } },
        },
      ],
    };
    expect(compareAuthPolicies(code, deployed)).toEqual([]);
  });

  it(
    'statement order, value order, repeats, action name case, condition key ' +
      'case, numbers as text, root ARN as account: the same',
    () => {
      const code = {
        Statement: [
          {
            Sid: 'A',
            Effect: 'Allow',
            Principal: { AWS: ['222222222222', 'arn:aws:iam::444444444444:root'] },
            Action: ['vpc-lattice-svcs:Invoke'],
            Resource: '*',
          },
          {
            Sid: 'B',
            Effect: 'Deny',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: '*',
            Condition: { NumericNotEquals: { 'vpc-lattice-svcs:Port': [443, 8443] } },
          },
        ],
      };
      const deployed = {
        Version: '2008-10-17',
        Statement: [
          {
            Sid: 'B',
            Effect: 'Deny',
            Principal: '*',
            Action: 'VPC-Lattice-Svcs:invoke',
            Resource: '*',
            Condition: { NumericNotEquals: { 'VPC-LATTICE-SVCS:PORT': ['8443', '443', '443'] } },
          },
          {
            Resource: ['*'],
            Action: 'vpc-lattice-svcs:Invoke',
            Effect: 'Allow',
            Sid: 'A',
            Principal: { AWS: ['arn:aws:iam::444444444444:root', '222222222222'] },
          },
        ],
      };
      expect(compareAuthPolicies(code, deployed)).toEqual([]);
    },
  );

  it('an empty Condition is no condition', () => {
    const code = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] };
    const deployed = {
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: {} }],
    };
    expect(compareAuthPolicies(code, deployed)).toEqual([]);
  });
});

describe('compareAuthPolicies: differences, named', () => {
  it('a changed condition value: the statement and the condition, code against deployed', () => {
    const differences = compareAuthPolicies(guardrail(), JSON.parse(rewriteAuthPolicy(guardrail('o-someoneelse'))));
    expect(differences).toEqual([
      {
        kind: 'changed',
        code: { index: 0 },
        deployed: { index: 0 },
        fields: [
          {
            field: 'Condition.StringEquals.aws:SourceOrgID',
            code: ['o-a1b2c3d4e5'],
            deployed: ['o-someoneelse'],
            onlyInCode: ['o-a1b2c3d4e5'],
            onlyDeployed: ['o-someoneelse'],
          },
        ],
      },
    ]);
  });

  it('an extra statement deployed: only deployed, with its Sid and text; the others match', () => {
    const code = policyFile('service-parking.json');
    const extra = { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' };
    const deployed = { ...code, Statement: [...code.Statement, extra] };
    expect(compareAuthPolicies(code, deployed)).toEqual([
      { kind: 'only-deployed', statement: { index: 1, sid: 'Anyone' }, source: extra },
    ]);
  });

  it('a statement removed from the deployed policy: only in code', () => {
    const code = {
      Statement: [
        { Sid: 'Allow', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
        {
          Sid: 'NoAdmin',
          Effect: 'Deny',
          Principal: '*',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: `${PARKING}/admin*`,
        },
      ],
    };
    const deployed = { Version: '2008-10-17', Statement: [code.Statement[0]] };
    expect(compareAuthPolicies(code, deployed)).toEqual([
      { kind: 'only-in-code', statement: { index: 1, sid: 'NoAdmin' }, source: code.Statement[1] },
    ]);
  });

  it('a statement matched by Sid: which elements differ, and for sets the values only one side has', () => {
    const code = policyFile('service-parking.json');
    const deployed = structuredClone(code);
    deployed.Statement[0].Principal.AWS = ['222222222222', '555555555555'];
    deployed.Statement[0].Effect = 'Deny';
    deployed.Statement[0].Condition = { Bool: { 'aws:SecureTransport': 'true' } };
    expect(compareAuthPolicies(code, deployed)).toEqual([
      {
        kind: 'changed',
        code: { index: 0, sid: 'ConsumerAccountsMayInvoke' },
        deployed: { index: 0, sid: 'ConsumerAccountsMayInvoke' },
        fields: [
          { field: 'Effect', code: 'Allow', deployed: 'Deny' },
          {
            field: 'Principal.AWS',
            code: ['222222222222', '444444444444'],
            deployed: ['222222222222', '555555555555'],
            onlyInCode: ['444444444444'],
            onlyDeployed: ['555555555555'],
          },
          { field: 'Condition.Bool.aws:SecureTransport', deployed: ['true'] },
        ],
      },
    ]);
  });

  it('the same statement under another Sid: only the Sid differs', () => {
    const code = {
      Statement: [{ Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
    };
    const deployed = {
      Statement: [
        { Sid: 'Organization', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
      ],
    };
    expect(compareAuthPolicies(code, deployed)).toEqual([
      {
        kind: 'changed',
        code: { index: 0, sid: 'Org' },
        deployed: { index: 0, sid: 'Organization' },
        fields: [{ field: 'Sid', code: 'Org', deployed: 'Organization' }],
      },
    ]);
  });

  it('"*" is not {"AWS": "*"} (only "*" names services), and StringEquals is not StringLike', () => {
    const code = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ],
    };
    const deployed = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ],
    };
    const [changed] = compareAuthPolicies(code, deployed);
    expect(changed.kind === 'changed' && changed.fields.map((f) => f.field)).toEqual([
      'Principal',
      'Condition.StringEquals.aws:PrincipalOrgID',
      'Principal.AWS',
      'Condition.StringLike.aws:PrincipalOrgID',
    ]);
  });

  it(
    'a Version that AWS did not fill in: a document difference (2012-10-17 ' +
      'substitutes policy variables, 2008-10-17 does not)',
    () => {
      const code = { Version: '2012-10-17', Statement: guardrail().Statement };
      expect(compareAuthPolicies(code, { Version: '2008-10-17', Statement: [guardrail().Statement] })).toEqual([
        { kind: 'document', field: 'Version', code: '2012-10-17', deployed: '2008-10-17' },
      ]);
    },
  );

  it('two statements without Sid replaced by others: only in code and only deployed, never paired by guess', () => {
    const a = { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${PARKING}/a` };
    const b = { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${PARKING}/b` };
    const c = { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${PARKING}/c` };
    const d = { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${PARKING}/d` };
    expect(compareAuthPolicies({ Statement: [a, b] }, { Statement: [c, d] }).map((x) => x.kind)).toEqual([
      'only-in-code',
      'only-in-code',
      'only-deployed',
      'only-deployed',
    ]);
  });
});

describe('formatDeployedReport: the differences as lines a person reads', () => {
  it('names the statement, the element and both values', () => {
    const differences = compareAuthPolicies(guardrail(), guardrail('o-someoneelse'));
    const text = formatDeployedReport(
      {
        environment: 'staging',
        checks: [
          {
            resourceArn: PARKING,
            resourceType: 'service',
            name: 'parking',
            file: '/p/service.json',
            status: 'differs',
            authType: 'AWS_IAM',
            policyState: 'Active',
            policy: 'differs',
            differences,
          },
        ],
        summary: { total: 1, same: 0, differs: 1, missing: 0, inactive: 0, error: 0 },
      },
      { cwd: '/p' },
    );
    expect(text).toContain(
      `DIFFERS   service parking  ${PARKING}\n    code:      service.json\n   ` +
        ` deployed:  auth type AWS_IAM, policy Active\n`,
    );
    expect(text).toContain(
      '      statement Statement[0] (no Sid) differs:\n        ' +
        'Condition.StringEquals.aws:SourceOrgID: code "o-a1b2c3d4e5", deployed ' +
        '"o-someoneelse"\n',
    );
    expect(text).toContain('0 same, 1 differs, 0 missing, 0 inactive, 0 errors');
  });
});
