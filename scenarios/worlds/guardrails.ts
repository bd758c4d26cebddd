import { defineWorld } from '../../world';

// Organization guardrails around a Lattice service: an SCP at the root lets only principals of the
// workloads OU invoke Lattice services (the management account is not restricted by SCPs), an SCP
// forbids assuming quarantined roles, an RCP keeps STS to the organization's principals, a role
// under a permissions boundary without Invoke, and callers whose sessions are narrowed by session
// policies (inline, and a managed policy by ARN).
export default defineWorld({
  region: 'us-east-1',
  organization: {
    id: 'o-gr4rdr41l5',
    rootId: 'r-gr01',
    managementAccount: 'management',
    ous: {
      workloads: { id: 'ou-gr01-wrk10ads' },
      sandbox: { id: 'ou-gr01-5andb0x0' },
    },
    policies: {
      scps: {
        'invoke-only-from-workloads': {
          document: 'guardrails/scp-invoke-only-from-workloads.json',
          targets: ['root'],
        },
        'deny-quarantined-roles': { document: 'guardrails/scp-deny-quarantined-roles.json', targets: ['root'] },
      },
      rcps: {
        'sts-org-only': { document: 'guardrails/rcp-sts-org-only.json', targets: ['root'] },
      },
    },
  },
  accounts: {
    management: { id: '100000000001' },
    services: { id: '200000000002', ou: 'workloads' },
    'workload-b': { id: '300000000003', ou: 'workloads' },
    sandbox: { id: '400000000004', ou: 'sandbox' },
    tooling: { id: '500000000005' },
  },
  vpcs: {
    'workload-vpc': { account: 'workload-b' },
    'sandbox-vpc': { account: 'sandbox' },
    'management-vpc': { account: 'management' },
    'tooling-vpc': { account: 'tooling' },
  },
  users: {
    runner: {
      account: 'tooling',
      name: 'lattice-e2e-runner',
      identityPolicies: [
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Resource: 'arn:aws:iam::*:role/lattice-*',
            },
          ],
        },
      ],
    },
  },
  roles: {
    'workload-invoker': {
      account: 'workload-b',
      name: 'lattice-invoker',
      trustPolicy: 'guardrails/trust-runner.json',
      identityPolicies: ['guardrails/identity-invoke.json'],
    },
    // Its identity policy allows Invoke; its permissions boundary does not.
    'workload-bounded': {
      account: 'workload-b',
      name: 'lattice-bounded',
      trustPolicy: 'guardrails/trust-runner.json',
      identityPolicies: ['guardrails/identity-invoke.json'],
      permissionsBoundary: 'guardrails/boundary-no-invoke.json',
    },
    'sandbox-invoker': {
      account: 'sandbox',
      name: 'lattice-invoker',
      trustPolicy: 'guardrails/trust-runner.json',
      identityPolicies: ['guardrails/identity-invoke.json'],
    },
    'management-invoker': {
      account: 'management',
      name: 'lattice-invoker',
      trustPolicy: 'guardrails/trust-runner.json',
      identityPolicies: ['guardrails/identity-invoke.json'],
    },
    // STS refuses it: an SCP denies sts:AssumeRole on it.
    quarantined: {
      account: 'sandbox',
      name: 'lattice-quarantined',
      trustPolicy: 'guardrails/trust-runner.json',
      identityPolicies: ['guardrails/identity-invoke.json'],
    },
  },
  managedPolicies: {
    'invoke-only': {
      account: 'workload-b',
      name: 'lattice-invoke-only',
      document: 'guardrails/session-invoke-parking.json',
    },
  },
  serviceNetworks: {
    'org-network': {
      account: 'services',
      authType: 'AWS_IAM',
      authPolicy: 'guardrails/network-org-only.json',
      vpcs: ['workload-vpc', 'sandbox-vpc', 'management-vpc', 'tooling-vpc'],
      services: ['orders'],
    },
  },
  services: {
    orders: {
      account: 'services',
      authType: 'NONE',
      listeners: [{ protocol: 'HTTPS' }, { protocol: 'HTTP' }],
      target: { fixed: { status: 200, body: '"orders"' } },
    },
  },
  callers: {
    workload: { role: 'workload-invoker', vpc: 'workload-vpc' },
    'workload-bounded': { role: 'workload-bounded', vpc: 'workload-vpc' },
    'workload-scoped-down': {
      role: 'workload-invoker',
      vpc: 'workload-vpc',
      sessionPolicy: 'guardrails/session-storage-only.json',
    },
    'workload-scoped-invoke': { role: 'workload-invoker', vpc: 'workload-vpc', sessionPolicyArns: ['invoke-only'] },
    sandbox: { role: 'sandbox-invoker', vpc: 'sandbox-vpc' },
    management: { role: 'management-invoker', vpc: 'management-vpc' },
    quarantined: { role: 'quarantined', vpc: 'sandbox-vpc' },
  },
  runner: { user: 'runner', vpc: 'tooling-vpc' },
});
