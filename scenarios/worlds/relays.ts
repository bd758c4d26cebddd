import { defineWorld } from '../../world';

const RUNNER = 'arn:aws:iam::333333333333:user/lattice-e2e-runner';

/**
 * A relay's resource-based policy, as relay/template.yaml's `AWS::Lambda::Permission` writes it: the runner (the
 * principal the template is given) may invoke the function. Without it, Lambda refuses the runner's cross-account
 * Invoke, here as in AWS.
 */
const invokableByRunner = (account: string, relay: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'lattice-e2e-runner',
      Effect: 'Allow',
      Principal: { AWS: RUNNER },
      Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:us-east-1:${account}:function:lattice-e2e-relay-${relay}`,
    },
  ],
});

// The demo organization reached through relays: the runner sits outside every consumer VPC (as a
// GitHub-hosted runner does) and each caller's signed request is sent by a relay, a Lambda function
// in the caller's own VPC. Account B (in the organization) and account C (outside it) each have a
// VPC associated with the guarded service network and a relay in it.
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
    // Where the runner sits: associated with no service network (a hosted runner reaches no service).
    'tooling-vpc': { account: 'tooling', id: 'vpc-0707070707070707a', address: '127.0.0.13' },
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
            {
              Sid: 'InvokeRelays',
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
      trustPolicy: 'relays/trust-tooling.json',
      identityPolicies: ['relays/identity-invoke.json'],
    },
    'c-invoker': {
      account: 'outsider-c',
      name: 'lattice-invoker',
      trustPolicy: 'relays/trust-tooling-external-id.json',
      identityPolicies: ['relays/identity-invoke.json'],
    },
  },
  serviceNetworks: {
    'guarded-network': {
      account: 'service-owner',
      id: 'sn-0123456789abcdef0',
      authType: 'AWS_IAM',
      authPolicy: 'relays/network-org-guardrail.json',
      vpcs: ['consumer-b-vpc', 'outsider-c-vpc'],
      services: ['parking', 'echo'],
    },
  },
  services: {
    parking: {
      account: 'service-owner',
      id: 'svc-0123456789abcdef0',
      authType: 'AWS_IAM',
      authPolicy: 'relays/service-parking.json',
      target: { fixed: { status: 200, body: '"Lattice Success!"' } },
    },
    // Answers with what the target received, Lattice's x-amzn-lattice-network (the source VPC) included.
    echo: {
      account: 'service-owner',
      id: 'svc-0eeeeeeeeeeeeeee0',
      authType: 'NONE',
      target: { echo: true },
    },
  },
  relays: {
    'consumer-b': {
      account: 'consumer-b',
      vpc: 'consumer-b-vpc',
      policy: invokableByRunner('222222222222', 'consumer-b'),
    },
    'outsider-c': {
      account: 'outsider-c',
      vpc: 'outsider-c-vpc',
      policy: invokableByRunner('444444444444', 'outsider-c'),
    },
  },
  callers: {
    'consumer-b': { role: 'b-invoker', relay: 'consumer-b' },
    'outsider-c': { role: 'c-invoker', relay: 'outsider-c', externalId: 'lattice-e2e-outsider' },
  },
  runner: { user: 'runner', vpc: 'tooling-vpc' },
});
