import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCAL_OIDC_ISSUER_URL, STS_AUDIENCE } from '../oidc/LocalOidcIssuer';
import type { WorldSpec } from './types';

const policiesDir = fileURLToPath(new URL('../../scenarios/policies/', import.meta.url));

/** Reads one of the policies-as-code files that the local world enforces. */
export function readPolicyFile(name: string): unknown {
  const file = policiesDir + name;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read policy ${file}: ${(error as Error).message}`);
  }
}

export const SEED = {
  region: 'us-east-1',
  organizationId: 'o-a1b2c3d4e5',
  accounts: { owner: '111111111111', consumerB: '222222222222', tooling: '333333333333', outsiderC: '444444444444' },
  externalIdC: 'lattice-e2e-outsider',
  /** The `sub` the CI role trusts: a GitHub Actions job of the main branch, as the local issuer mints it. */
  ciSubject: 'repo:lattice-e2e/lattice-e2e:ref:refs/heads/main',
} as const;

/** The CI role's trust (docs/ci/ci-role.yaml), with the local OIDC issuer in GitHub's place. */
const trustLocalIssuer = () => {
  const host = LOCAL_OIDC_ISSUER_URL.replace(/^https:\/\//, '');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${SEED.accounts.tooling}:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${host}:aud`]: STS_AUDIENCE, [`${host}:sub`]: SEED.ciSubject } },
      },
    ],
  };
};

const trustTooling = (externalId?: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${SEED.accounts.tooling}:root` },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
    },
  ],
});

/**
 * The seed world: an organization with a service-owner account A, an in-org consumer B and a
 * tooling account (where the runner lives), and an account C outside the organization. The
 * service network carries the organization guardrail; its one service answers "Lattice Success!".
 */
export function seedWorld(): WorldSpec {
  const { owner, consumerB, tooling, outsiderC } = SEED.accounts;
  const invoke = readPolicyFile('identity-invoke.json');
  return {
    region: SEED.region,
    organization: {
      id: SEED.organizationId,
      rootId: 'r-ab12',
      ouPaths: { [owner]: 'ou-ab12-11111111/', [consumerB]: 'ou-ab12-22222222/', [tooling]: 'ou-ab12-33333333/' },
    },
    accounts: [
      { id: owner, name: 'service-owner', inOrganization: true },
      { id: consumerB, name: 'consumer-b', inOrganization: true },
      { id: tooling, name: 'tooling', inOrganization: true },
      { id: outsiderC, name: 'outsider-c', inOrganization: false },
    ],
    runner: {
      userName: 'lattice-e2e-runner',
      account: tooling,
      identityPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: 'arn:aws:iam::*:role/lattice-*' }],
      },
    },
    roles: [
      { name: 'lattice-invoker', account: consumerB, trustPolicy: trustTooling(), identityPolicies: [invoke], tags: { team: 'consumer-b' } },
      { name: 'lattice-no-invoke', account: consumerB, trustPolicy: trustTooling(), identityPolicies: [] },
      { name: 'lattice-invoker', account: outsiderC, trustPolicy: trustTooling(SEED.externalIdC), identityPolicies: [invoke], tags: { team: 'outsider-c' } },
      {
        name: 'lattice-e2e-ci',
        account: tooling,
        trustPolicy: trustLocalIssuer(),
        identityPolicies: [
          {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: 'arn:aws:iam::*:role/lattice-invoker' }],
          },
        ],
        maxSessionDurationSeconds: 3600,
      },
    ],
    oidcProviders: [{ account: tooling, url: LOCAL_OIDC_ISSUER_URL, clientIds: [STS_AUDIENCE] }],
    vpcs: [
      { id: 'vpc-0b0b0b0b0b0b0b0b0', account: consumerB, address: '127.0.0.11' },
      { id: 'vpc-0c0c0c0c0c0c0c0c0', account: outsiderC, address: '127.0.0.12' },
      { id: 'vpc-0707070707070707a', account: tooling, address: '127.0.0.13' },
      { id: 'vpc-0d0d0d0d0d0d0d0d0', account: consumerB, address: '127.0.0.14' },
    ],
    runnerVpc: 'vpc-0707070707070707a',
    serviceNetworks: [
      {
        id: 'sn-0123456789abcdef0',
        name: 'guarded-network',
        account: owner,
        authType: 'AWS_IAM',
        policy: readPolicyFile('network-org-guardrail.json'),
        vpcAssociations: ['vpc-0b0b0b0b0b0b0b0b0', 'vpc-0c0c0c0c0c0c0c0c0', 'vpc-0707070707070707a'],
      },
      { id: 'sn-0fedcba9876543210', name: 'isolated-network', account: owner, authType: 'NONE', vpcAssociations: [] },
    ],
    services: [
      {
        id: 'svc-0123456789abcdef0',
        name: 'parking',
        account: owner,
        authType: 'AWS_IAM',
        policy: readPolicyFile('service-parking.json'),
        tags: { tier: 'gold' },
        serviceNetworks: ['sn-0123456789abcdef0'],
        target: { kind: 'fixed', status: 200, body: '"Lattice Success!"' },
      },
      {
        id: 'svc-0eeeeeeeeeeeeeee0',
        name: 'echo',
        account: owner,
        authType: 'NONE',
        serviceNetworks: ['sn-0123456789abcdef0'],
        target: { kind: 'echo' },
      },
      {
        id: 'svc-0fedcba9876543210',
        name: 'billing',
        account: owner,
        authType: 'NONE',
        serviceNetworks: ['sn-0fedcba9876543210'],
        target: { kind: 'fixed', status: 200, body: '"billing"' },
      },
    ],
    sourceOrgIdMode: 'principal',
  };
}
