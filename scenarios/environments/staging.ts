import { defineEnvironment } from '../../harness';

// Real staging accounts. Every value comes from an environment variable; a run names every one
// that is missing. The runner's own credentials come from the AWS SDK's standard chain (env vars,
// a profile, SSO, or web identity as GitHub Actions OIDC provides it).
export default defineEnvironment((env) => ({
  region: env.required('LATTICE_E2E_REGION'),
  // Shown in the plan; optional.
  organizationId: env.optional('LATTICE_E2E_ORG_ID'),
  credentials: { source: 'chain', profile: env.optional('LATTICE_E2E_PROFILE') },
  callers: {
    // A role in an account inside the organization (account B).
    'consumer-b': { roleArn: env.required('LATTICE_E2E_ROLE_B_ARN') },
    // A role in an account outside the organization (account C), behind an external ID.
    'outsider-c': {
      roleArn: env.required('LATTICE_E2E_ROLE_C_ARN'),
      externalId: env.required('LATTICE_E2E_ROLE_C_EXTERNAL_ID'),
    },
    // The same role from the runner's own VPC, which sits in the organization: see scenarios/source-org-id.ts.
    'outsider-c-in-org-vpc': {
      roleArn: env.required('LATTICE_E2E_ROLE_C_ARN'),
      externalId: env.required('LATTICE_E2E_ROLE_C_EXTERNAL_ID'),
    },
  },
  services: {
    parking: {
      url: env.required('LATTICE_E2E_SERVICE_PARKING_URL'),
      arn: env.required('LATTICE_E2E_SERVICE_PARKING_ARN'),
    },
  },
  timeoutMs: 10_000,
}));
