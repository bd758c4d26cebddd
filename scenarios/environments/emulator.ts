import { defineEnvironment } from '../../harness';

// The standalone local world (`npm run emulator -- --env-file .lattice-e2e/emulator.env`), used
// the way a real environment is: the runner's credentials come from the AWS SDK's chain
// (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), STS from AWS_ENDPOINT_URL_STS, the services'
// names resolve to the emulator's HTTPS data plane and its CA is trusted from a file.
export default defineEnvironment((env) => {
  const parking = env.required('LATTICE_E2E_SERVICE_PARKING_DOMAIN');
  const echo = env.required('LATTICE_E2E_SERVICE_ECHO_DOMAIN');
  const dataPlane = env.required('LATTICE_E2E_DATA_PLANE_HTTPS');
  env.required('AWS_ENDPOINT_URL_STS');
  return {
    region: env.required('AWS_REGION'),
    credentials: { source: 'chain' },
    caFile: env.required('LATTICE_E2E_CA_FILE'),
    callers: {
      'consumer-b': { roleArn: env.required('LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_INVOKER_ARN') },
      'outsider-c': {
        roleArn: env.required('LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_ARN'),
        externalId: env.required('LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_EXTERNAL_ID'),
      },
      // A separate process sends from an address no VPC owns: the runner's VPC, in the organization.
      'outsider-c-in-org-vpc': {
        roleArn: env.required('LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_ARN'),
        externalId: env.required('LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_EXTERNAL_ID'),
      },
    },
    services: {
      parking: { url: `https://${parking}/`, arn: env.required('LATTICE_E2E_SERVICE_PARKING_ARN') },
      echo: { url: `https://${echo}/`, arn: env.required('LATTICE_E2E_SERVICE_ECHO_ARN') },
    },
    resolve: { [parking]: dataPlane, [echo]: dataPlane },
    timeoutMs: 5_000,
  };
});
