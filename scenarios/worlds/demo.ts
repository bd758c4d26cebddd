import { defineWorld } from '../../world';

// The demo organization: a service-owner account A, an in-org consumer B and a tooling account T
// (where the runner lives) in organization o-a1b2c3d4e5, and an account C outside it. The service
// network carries the organization guardrail; its service `parking` answers "Lattice Success!".
// The built-in `local` environment runs this world; edit it, or add worlds beside it.
export default defineWorld({
  region: 'us-east-1',
  organization: {
    id: 'o-a1b2c3d4e5',
    rootId: 'r-ab12',
    managementAccount: 'service-owner',
    ous: {
      services: { id: 'ou-ab12-11111111' },
      consumers: { id: 'ou-ab12-22222222' },
      tooling: { id: 'ou-ab12-33333333' },
    },
  },
  accounts: {
    'service-owner': { id: '111111111111', ou: 'services' },
    'consumer-b': { id: '222222222222', ou: 'consumers' },
    tooling: { id: '333333333333', ou: 'tooling' },
    'outsider-c': { id: '444444444444', inOrganization: false },
  },
  vpcs: {
    'consumer-b-vpc': { account: 'consumer-b', id: 'vpc-0b0b0b0b0b0b0b0b0', address: '127.0.0.11' },
    'outsider-c-vpc': { account: 'outsider-c', id: 'vpc-0c0c0c0c0c0c0c0c0', address: '127.0.0.12' },
    'tooling-vpc': { account: 'tooling', id: 'vpc-0707070707070707a', address: '127.0.0.13' },
    // In account B, but associated with no service network.
    'consumer-b-isolated-vpc': { account: 'consumer-b', id: 'vpc-0d0d0d0d0d0d0d0d0', address: '127.0.0.14' },
  },
  users: {
    // The runner's own identity: its keys call STS to assume the callers' roles.
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
            // Relays (Lambda functions in consumer VPCs) send callers' requests for it.
            {
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: 'arn:aws:lambda:*:*:function:lattice-e2e-relay-*',
            },
          ],
        },
      ],
    },
  },
  roles: {
    'b-invoker': {
      account: 'consumer-b',
      name: 'lattice-invoker',
      trustPolicy: 'demo/trust-tooling.json',
      identityPolicies: ['demo/identity-invoke.json'],
      tags: { team: 'consumer-b' },
    },
    'b-no-invoke': { account: 'consumer-b', name: 'lattice-no-invoke', trustPolicy: 'demo/trust-tooling.json' },
    'c-invoker': {
      account: 'outsider-c',
      name: 'lattice-invoker',
      trustPolicy: 'demo/trust-tooling-external-id.json',
      identityPolicies: ['demo/identity-invoke.json'],
      tags: { team: 'outsider-c' },
    },
    ci: {
      account: 'tooling',
      name: 'lattice-e2e-ci',
      trustPolicy: 'demo/trust-local-oidc.json',
      identityPolicies: [
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Resource: 'arn:aws:iam::*:role/lattice-invoker',
            },
          ],
        },
      ],
      maxSessionDurationSeconds: 3600,
    },
  },
  // The CI role the nightly workflow assumes with its OIDC token (docs/ci/ci-role.yaml), trusting
  // the local world's OIDC issuer in GitHub's place.
  oidcProviders: {
    'local-issuer': { account: 'tooling', url: 'https://oidc.lattice-e2e.local', clientIds: ['sts.amazonaws.com'] },
  },
  serviceNetworks: {
    'guarded-network': {
      account: 'service-owner',
      id: 'sn-0123456789abcdef0',
      authType: 'AWS_IAM',
      authPolicy: 'demo/network-org-guardrail.json',
      vpcs: ['consumer-b-vpc', 'outsider-c-vpc', 'tooling-vpc'],
      services: ['parking', 'echo'],
    },
    // Holds `billing`; no consumer VPC is associated with it, so billing is unreachable.
    'isolated-network': {
      account: 'service-owner',
      id: 'sn-0fedcba9876543210',
      authType: 'NONE',
      services: ['billing'],
    },
  },
  services: {
    parking: {
      account: 'service-owner',
      id: 'svc-0123456789abcdef0',
      authType: 'AWS_IAM',
      authPolicy: 'demo/service-parking.json',
      tags: { tier: 'gold' },
      listeners: [{ protocol: 'HTTPS' }, { protocol: 'HTTP' }],
      target: { fixed: { status: 200, body: '"Lattice Success!"' } },
    },
    // Answers with what the target received: the headers Lattice adds, the path, the body.
    echo: {
      account: 'service-owner',
      id: 'svc-0eeeeeeeeeeeeeee0',
      authType: 'NONE',
      listeners: [{ protocol: 'HTTPS' }, { protocol: 'HTTP' }],
      target: { echo: true },
    },
    billing: {
      account: 'service-owner',
      id: 'svc-0fedcba9876543210',
      authType: 'NONE',
      listeners: [{ protocol: 'HTTPS' }, { protocol: 'HTTP' }],
      target: { fixed: { body: '"billing"' } },
    },
  },
  callers: {
    'consumer-b': { role: 'b-invoker', vpc: 'consumer-b-vpc' },
    'outsider-c': { role: 'c-invoker', vpc: 'outsider-c-vpc', externalId: 'lattice-e2e-outsider' },
    'consumer-b-no-invoke': { role: 'b-no-invoke', vpc: 'consumer-b-vpc' },
    'consumer-b-isolated-vpc': { role: 'b-invoker', vpc: 'consumer-b-isolated-vpc' },
    // The out-of-org role calling from a VPC of the organization (the tooling account's, where a runner sits).
    'outsider-c-in-org-vpc': { role: 'c-invoker', vpc: 'tooling-vpc', externalId: 'lattice-e2e-outsider' },
    anonymous: { anonymous: true, vpc: 'consumer-b-vpc' },
  },
  runner: { user: 'runner', vpc: 'tooling-vpc' },
});
