import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicy, type Decision, type Policy, type Principal } from '../../policy';
import { MANAGEMENT_READER_ACTIONS, READER_ACTIONS } from '../../harness/import/withReaderRoles';
import { withImplicitResource } from '../../world';
import { projectRoot } from '../support/paths';
import { scanReadActions, type ReadActions } from './support/readerActions';
import { readTemplate, resolveTemplate, type Json } from './support/resolveTemplate';

const TEMPLATE = join(projectRoot, 'docs', 'ci', 'reader-role.yaml');
const ACCOUNT = '111111111111';
const OTHER = '222222222222';
const CI_ROLE = 'arn:aws:iam::333333333333:role/lattice-e2e-ci';

const session = (roleArn: string, name: string): Principal => {
  const [, , , , account, resource] = roleArn.split(':') as [string, string, string, string, string, string];
  const roleName = resource.slice(resource.lastIndexOf('/') + 1);
  return { kind: 'aws', arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${name}`, account, roleArn };
};
const READER = session(`arn:aws:iam::${ACCOUNT}:role/lattice-e2e-reader`, 'import');

const own = {
  service: `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:service/svc-0123456789abcdef0`,
  network: `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:servicenetwork/sn-0123456789abcdef0`,
};
// Shared with the reader's account through RAM: ListServiceNetworks and ListServices list them too.
const shared = {
  service: `arn:aws:vpc-lattice:us-east-1:${OTHER}:service/svc-0fedcba9876543210`,
  network: `arn:aws:vpc-lattice:us-east-1:${OTHER}:servicenetwork/sn-0fedcba9876543210`,
};
const ORG = 'arn:aws:organizations::111111111111';
/** A relay's function in the reader's account (any region), and one of another account. */
const fn = (account: string, region = 'us-east-1') =>
  `arn:aws:lambda:${region}:${account}:function:lattice-e2e-relay-consumer-b`;

/**
 * The resources IAM may authorize each scanned action on (Service Authorization Reference): `*` for
 * an operation without a resource type, else the ARNs the code passes, this account's and shared ones.
 */
const RESOURCES: Record<string, string[]> = {
  'vpc-lattice:ListServiceNetworks': ['*'],
  'vpc-lattice:ListServices': ['*'],
  'vpc-lattice:GetService': [own.service, shared.service],
  'vpc-lattice:GetServiceNetwork': [own.network, shared.network],
  'vpc-lattice:GetAuthPolicy': [own.service, own.network, shared.service, shared.network],
  'vpc-lattice:ListListeners': ['*', own.service, shared.service],
  'vpc-lattice:ListServiceNetworkServiceAssociations': ['*', own.service, shared.service],
  'vpc-lattice:ListServiceNetworkVpcAssociations': ['*', own.network, shared.network],
  'vpc-lattice:ListTagsForResource': [own.service, own.network, shared.service, shared.network],
  'iam:GetRole': [`arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`, `arn:aws:iam::${ACCOUNT}:role/team/x/caller`],
  'iam:GetRolePolicy': [`arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  'iam:ListRolePolicies': [`arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  'iam:ListAttachedRolePolicies': [`arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  'iam:GetPolicy': [`arn:aws:iam::${ACCOUNT}:policy/boundary`, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
  'iam:GetPolicyVersion': [`arn:aws:iam::${ACCOUNT}:policy/boundary`, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
  'lambda:GetFunctionConfiguration': [fn(ACCOUNT), fn(ACCOUNT, 'eu-west-1')],
  'lambda:GetPolicy': [fn(ACCOUNT), fn(ACCOUNT, 'eu-west-1')],
  'organizations:ListRoots': ['*'],
  'organizations:ListOrganizationalUnitsForParent': ['*'],
  'organizations:ListAccountsForParent': ['*'],
  'organizations:ListPoliciesForTarget': [
    `${ORG}:root/o-exampleorgid/r-abcd`,
    `${ORG}:ou/o-exampleorgid/ou-abcd-12345678`,
  ],
  'organizations:DescribePolicy': [
    `${ORG}:policy/o-exampleorgid/service_control_policy/p-12345678`,
    'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  ],
};

/** What a reader must never do: change what it reads, or become someone else. */
const WRITES: [string, string][] = [
  ['vpc-lattice:PutAuthPolicy', own.service],
  ['vpc-lattice:DeleteAuthPolicy', own.network],
  ['vpc-lattice:UpdateService', own.service],
  ['vpc-lattice:CreateServiceNetworkVpcAssociation', own.network],
  ['vpc-lattice:TagResource', own.service],
  ['vpc-lattice-svcs:Invoke', `${own.service}/rates`],
  ['iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  ['iam:UpdateAssumeRolePolicy', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  ['iam:AttachRolePolicy', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  ['iam:PutRolePermissionsBoundary', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  ['iam:CreatePolicyVersion', `arn:aws:iam::${ACCOUNT}:policy/boundary`],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  ['organizations:AttachPolicy', `${ORG}:policy/o-exampleorgid/service_control_policy/p-12345678`],
  ['organizations:UpdatePolicy', `${ORG}:policy/o-exampleorgid/service_control_policy/p-12345678`],
  ['organizations:DetachPolicy', '*'],
  ['lambda:InvokeFunction', fn(ACCOUNT)],
  ['lambda:AddPermission', fn(ACCOUNT)],
  ['lambda:UpdateFunctionConfiguration', fn(ACCOUNT)],
  ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
  ['sts:TagSession', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e-invoker`],
];

let template: Json;
let actions: ReadActions;

beforeAll(() => {
  template = readTemplate(TEMPLATE);
  actions = scanReadActions();
});

interface Stack {
  role: Json;
  identity: Policy[];
  trust: Policy;
  outputs: Json;
}

function deploy(parameters: Record<string, string>): Stack {
  const stack = resolveTemplate(template, { CiRoleArn: CI_ROLE, ...parameters }, { accountId: ACCOUNT });
  const resources = Object.values<Json>(stack.Resources);
  // The role is the stack's only resource: no managed policy or RolePolicy elsewhere grants more.
  expect(resources.map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
  const role = resources[0].Properties;
  return {
    role,
    identity: (role.Policies as Json[]).map((p) => parsePolicy(p.PolicyDocument, { kind: 'identity' })),
    // As the local world reads a trust policy: its resource is the role itself.
    trust: parsePolicy(withImplicitResource(role.AssumeRolePolicyDocument), { kind: 'resource' }),
    outputs: stack.Outputs,
  };
}

/** IAM's decision over a role's identity policies: a Deny in any wins, else an Allow in any. */
function decide(policies: Policy[], action: string, resource: string): Decision {
  const request = { principal: READER, action, resource, context: {} };
  const decisions = policies.map((p) => evaluatePolicy(p, request).decision);
  return decisions.includes('ExplicitDeny') ? 'ExplicitDeny' : decisions.includes('Allow') ? 'Allow' : 'ImplicitDeny';
}

const allowedActions = (stack: Stack) =>
  stack.identity
    .flatMap((p) => (p.source as Json).Statement as Json[])
    .flatMap((s) => [s.Action].flat())
    .sort();

describe('the reader role template (docs/ci/reader-role.yaml)', () => {
  it('the scan finds what the import and the drift check send, and only STS is the runner’s', () => {
    const services = new Set(actions.reader.map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['iam', 'lambda', 'organizations', 'vpc-lattice']);
    // The drift check's own reads (check --deployed with authPolicies) are among them.
    const drift = actions.calls.filter((c) => c.files.includes('harness/check/deployed/fetchDeployedAuth.ts'));
    expect(drift.map((c) => c.operation).sort()).toEqual(['GetAuthPolicy', 'GetService', 'GetServiceNetwork']);
    expect(actions.runner).toEqual(['sts:AssumeRole', 'sts:GetCallerIdentity']);
  });

  it('allows every action the code sends, on the resources IAM authorizes it on, in the management account', () => {
    const stack = deploy({ ManagementAccount: 'true' });
    for (const action of actions.reader) {
      const resources = RESOURCES[action];
      expect(resources, `${action} is sent: add the resources IAM authorizes it on`).toBeDefined();
      for (const resource of resources!)
        expect(decide(stack.identity, action, resource), `${action} on ${resource}`).toBe('Allow');
    }
  });

  it('names exactly the scanned actions, no wildcard, NotAction or Deny', () => {
    const stack = deploy({ ManagementAccount: 'true' });
    expect(allowedActions(stack)).toEqual(actions.reader);
    for (const s of stack.identity.flatMap((p) => (p.source as Json).Statement as Json[])) {
      expect(s.Effect).toBe('Allow');
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
    }
  });

  it("grants what the local world's readers may do, so local imports and drift checks run with it", () => {
    expect([...READER_ACTIONS].sort()).toEqual(allowedActions(deploy({ ManagementAccount: 'false' })));
    expect([...READER_ACTIONS, ...MANAGEMENT_READER_ACTIONS].sort()).toEqual(
      allowedActions(deploy({ ManagementAccount: 'true' })),
    );
  });

  it('allows Organizations only with ManagementAccount=true (default false)', () => {
    expect(template.Parameters.ManagementAccount.Default).toBe('false');
    for (const parameters of [{}, { ManagementAccount: 'false' }] as Record<string, string>[]) {
      const stack = deploy(parameters);
      expect(allowedActions(stack)).toEqual(actions.reader.filter((a) => !a.startsWith('organizations:')));
      for (const action of actions.reader.filter((a) => a.startsWith('organizations:')))
        for (const resource of RESOURCES[action]!)
          expect(decide(stack.identity, action, resource)).toBe('ImplicitDeny');
    }
  });

  it('allows no write and no role assumption', () => {
    for (const management of ['true', 'false']) {
      const stack = deploy({ ManagementAccount: management });
      for (const [action, resource] of WRITES)
        expect(decide(stack.identity, action, resource), `${action} on ${resource}`).toBe('ImplicitDeny');
    }
  });

  it("reads this account's roles (under RolePathPrefix), managed policies and functions, not another account's", () => {
    const stack = deploy({});
    expect(decide(stack.identity, 'iam:GetRole', `arn:aws:iam::${OTHER}:role/lattice-e2e-invoker`)).toBe(
      'ImplicitDeny',
    );
    expect(decide(stack.identity, 'iam:GetPolicy', `arn:aws:iam::${OTHER}:policy/boundary`)).toBe('ImplicitDeny');
    expect(decide(stack.identity, 'lambda:GetPolicy', fn(OTHER))).toBe('ImplicitDeny');
    const scoped = deploy({ RolePathPrefix: '/lattice-e2e/' });
    expect(decide(scoped.identity, 'iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/lattice-e2e/caller`)).toBe('Allow');
    expect(decide(scoped.identity, 'iam:ListRolePolicies', `arn:aws:iam::${ACCOUNT}:role/caller`)).toBe('ImplicitDeny');
  });

  it('is assumed by the CI role alone, with the external ID when one is set', () => {
    const assume = (stack: Stack, principal: Principal, context: Record<string, string> = {}) =>
      evaluatePolicy(stack.trust, {
        principal,
        action: 'sts:AssumeRole',
        resource: stack.outputs.ReaderRoleArn.Value,
        context,
      }).decision;
    const ci = session(CI_ROLE, 'nightly');
    const stranger = session('arn:aws:iam::333333333333:role/other', 'x');
    const open = deploy({});
    expect(assume(open, ci)).toBe('Allow');
    expect(assume(open, stranger)).toBe('ImplicitDeny');
    expect(template.Parameters.ExternalId.NoEcho).toBe(true);
    const guarded = deploy({ ExternalId: 'a0b1c2d3e4f5' });
    expect(assume(guarded, ci, { 'sts:ExternalId': 'a0b1c2d3e4f5' })).toBe('Allow');
    expect(assume(guarded, ci)).toBe('ImplicitDeny');
    expect(assume(guarded, ci, { 'sts:ExternalId': 'a0b1c2d3e4f6' })).toBe('ImplicitDeny');
    expect(assume(guarded, stranger, { 'sts:ExternalId': 'a0b1c2d3e4f5' })).toBe('ImplicitDeny');
  });

  it('is named lattice-e2e-reader by default, with one-hour sessions, and outputs its ARN', () => {
    const stack = deploy({});
    expect(stack.role.RoleName).toBe('lattice-e2e-reader');
    expect(stack.role.MaxSessionDuration).toBe(3600);
    expect(stack.outputs.ReaderRoleArn.Value).toBe(`arn:aws:iam::${ACCOUNT}:role/lattice-e2e-reader`);
    expect(stack.role.ManagedPolicyArns).toBeUndefined();
    expect(stack.role.PermissionsBoundary).toBeUndefined();
  });

  it("README's import section names every action the reader needs, and docs/ci/README.md deploys the template", () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Import your deployed organization'));
    const importSection = section.slice(0, section.indexOf('\n## ', 3));
    for (const action of actions.reader) expect(importSection, action).toContain(`\`${action}\``);
    expect(importSection).toContain('docs/ci/reader-role.yaml');
    const ci = readFileSync(join(projectRoot, 'docs', 'ci', 'README.md'), 'utf8');
    expect(ci).toContain('--template-file docs/ci/reader-role.yaml');
  });
});
