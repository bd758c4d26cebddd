import { join } from 'node:path';
import type { RelayAccount, RelayDeployConfig } from './readDeployConfig';

/** The AWS CLI profile a role account deploys with (written to a config file of its own, see `roleProfiles`). */
export const roleProfileName = (account: RelayAccount) => `lattice-e2e-relay-${account.name}`;

/** The steps of one account's deployment: AWS CLI argument lists, run in order. */
export interface AccountDeploy {
  account: RelayAccount;
  /** `aws cloudformation package`: uploads the bundle, writes the template that points at it. */
  package: string[];
  /** `aws cloudformation deploy`: creates or updates the stack. */
  deploy: string[];
  /** `aws cloudformation describe-stacks`: the function's ARN (the stack's output), as text. */
  describe: string[];
}

/**
 * The AWS CLI commands that deploy the relay template in each account. A profile account uses its
 * profile; a role account uses a profile of a config file of the run's own (`roleProfiles`) that
 * assumes the role from the credentials in the environment: no credential passes through here.
 */
export function planRelayDeploy(config: RelayDeployConfig, template: string, workDir: string): AccountDeploy[] {
  return config.accounts.map((account) => {
    const packaged = join(workDir, `${account.name}.template.yaml`);
    const common = ['--region', account.region, '--profile', account.profile ?? roleProfileName(account)];
    const parameters = [
      `SubnetIds=${account.subnetIds.join(',')}`,
      `AllowedHosts=${config.allowedHosts.join(',')}`,
      `InvokerRoleArn=${config.invokerRoleArn}`,
      ...(account.vpcId ? [`VpcId=${account.vpcId}`] : []),
      ...(account.securityGroupIds ? [`SecurityGroupIds=${account.securityGroupIds.join(',')}`] : []),
      ...(account.egressPrefixListId ? [`EgressPrefixListId=${account.egressPrefixListId}`] : []),
    ];
    return {
      account,
      package: [
        ...['cloudformation', 'package', '--template-file', template, '--s3-bucket', account.bucket],
        ...['--s3-prefix', 'lattice-e2e-relay', '--output-template-file', packaged, ...common],
      ],
      deploy: [
        ...['cloudformation', 'deploy', '--template-file', packaged, '--stack-name', account.stackName],
        ...['--capabilities', 'CAPABILITY_IAM', '--no-fail-on-empty-changeset', ...common],
        ...['--parameter-overrides', ...parameters],
      ],
      describe: [
        ...['cloudformation', 'describe-stacks', '--stack-name', account.stackName],
        ...['--query', "Stacks[0].Outputs[?OutputKey=='FunctionArn'].OutputValue", '--output', 'text', ...common],
      ],
    };
  });
}

/** The AWS CLI config file of the role accounts' profiles (empty when every account has a profile). */
export function roleProfiles(config: RelayDeployConfig): string {
  return config.accounts
    .filter((account) => account.roleArn)
    .map((account) =>
      [
        `[profile ${roleProfileName(account)}]`,
        `role_arn = ${account.roleArn}`,
        'credential_source = Environment',
        'role_session_name = lattice-e2e-deploy-relays',
        `region = ${account.region}`,
        '',
      ].join('\n'),
    )
    .join('\n');
}
