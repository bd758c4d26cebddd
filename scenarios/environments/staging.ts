import { defineEnvironment } from '../../harness';

// Real staging accounts. Every value comes from an environment variable; a run names every one
// that is missing. The runner's own credentials come from the AWS SDK's standard chain (env vars,
// a profile, SSO, or web identity as GitHub Actions OIDC provides it).
export default defineEnvironment((env) => {
  // For `npm run check -- --deployed --env staging`: the policies as code of the deployed network
  // and service, read as a role in the service owner's account (docs/ci/README.md, step 5).
  const networkArn = env.optional('LATTICE_E2E_SERVICE_NETWORK_ARN');
  const readerArn = env.optional('LATTICE_E2E_POLICY_READER_ROLE_ARN');
  // For drift of the whole organization (and `npm run world -- import --env staging`): a read-only
  // role per account, comma-separated, and the world as code they are compared with.
  const readers =
    env
      .optional('LATTICE_E2E_READER_ROLE_ARNS')
      ?.split(',')
      .map((arn) => arn.trim())
      .filter(Boolean) ?? [];
  const world = env.optional('LATTICE_E2E_WORLD');
  // Relays (docs/ci/relays.md): Lambda functions in B's and C's VPCs that send each caller's signed request
  // from that VPC, so the runner itself may sit anywhere (a GitHub-hosted runner). Without them, calls leave
  // from the runner's own VPC.
  const relayB = env.optional('LATTICE_E2E_RELAY_B_ARN');
  const relayC = env.optional('LATTICE_E2E_RELAY_C_ARN');
  return {
    region: env.required('LATTICE_E2E_REGION'),
    // Shown in the plan; optional.
    organizationId: env.optional('LATTICE_E2E_ORG_ID'),
    credentials: { source: 'chain', profile: env.optional('LATTICE_E2E_PROFILE') },
    callers: {
      // A role in an account inside the organization (account B).
      'consumer-b': { roleArn: env.required('LATTICE_E2E_ROLE_B_ARN'), ...(relayB && { relay: relayB }) },
      // A role in an account outside the organization (account C), behind an external ID.
      'outsider-c': {
        roleArn: env.required('LATTICE_E2E_ROLE_C_ARN'),
        externalId: env.required('LATTICE_E2E_ROLE_C_EXTERNAL_ID'),
        ...(relayC && { relay: relayC }),
      },
      // The same role from a VPC of the organization: the runner's own, or B's through B's relay.
      // See scenarios/source-org-id.ts.
      'outsider-c-in-org-vpc': {
        roleArn: env.required('LATTICE_E2E_ROLE_C_ARN'),
        externalId: env.required('LATTICE_E2E_ROLE_C_EXTERNAL_ID'),
        ...(relayB && { relay: relayB }),
      },
    },
    services: {
      parking: {
        url: env.required('LATTICE_E2E_SERVICE_PARKING_URL'),
        arn: env.required('LATTICE_E2E_SERVICE_PARKING_ARN'),
      },
    },
    timeoutMs: 10_000,
    ...(networkArn && {
      authPolicies: {
        [networkArn]: 'scenarios/worlds/demo/network-org-guardrail.json',
        [env.required('LATTICE_E2E_SERVICE_PARKING_ARN')]: 'scenarios/worlds/demo/service-parking.json',
      },
    }),
    ...(readerArn && { authPolicyReader: { roleArn: readerArn } }),
    ...(readers.length > 0 && {
      readers: Object.fromEntries(readers.map((roleArn) => [roleArn.split(':')[4], { roleArn }])),
    }),
    ...(world && { world }),
  };
});
