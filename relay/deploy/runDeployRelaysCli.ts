import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { $, quote, which } from 'zx';
import { type CommandSpec, commandHelp, parseCommand } from '../../harness/cli/defineCommand';
import { reportCliError } from '../../harness/cli/reportCliError';
import { UserError } from '../../world/errors';
import { type AccountDeploy, planRelayDeploy, roleProfiles } from './planRelayDeploy';
import { readDeployConfig } from './readDeployConfig';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = join(ROOT, 'relay', 'template.yaml');
const BUNDLE = join(ROOT, 'dist', 'relay', 'index.mjs');
/** The environment variable that may name the deployment file instead of `--config`. */
export const CONFIG_VARIABLE = 'LATTICE_E2E_RELAYS_CONFIG';

export const DEPLOY_RELAYS_COMMAND: CommandSpec = {
  name: 'npm run deploy-relays --',
  description:
    'Deploys the relay (relay/template.yaml, the bundle dist/relay/index.mjs) in each consumer account of a\n' +
    'deployment file, with the AWS CLI (cloudformation package, then deploy), and prints each function ARN.',
  options: [
    { flags: '--config <file>', description: `the deployment file (JSON; default: $${CONFIG_VARIABLE})` },
    { flags: '--account <name>', description: 'deploy only this account of the file', repeatable: true },
    { flags: '--dry-run', description: 'print the commands, run nothing' },
  ],
  epilog:
    'Each account gives `profile` (an AWS CLI profile) or `roleArn` (assumed from the credentials in the\n' +
    'environment). See docs/ci/relays.md.\n' +
    'exit codes: 0 every relay deployed, 1 a command failed, 2 a mistake in the arguments or the file',
};

export interface DeployRelaysIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

const shown = (args: string[]) => args.map((a) => quote(a)).join(' ');

/** `npm run deploy-relays -- --config <file> [--account <name>...] [--dry-run]`. */
export async function runDeployRelaysCli(argv: string[], io: DeployRelaysIo): Promise<number> {
  const usage = commandHelp(DEPLOY_RELAYS_COMMAND);
  let workDir: string | undefined;
  try {
    const command = parseCommand(DEPLOY_RELAYS_COMMAND, argv);
    if (command.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const values = command.values as { config?: string; account?: string[]; dryRun?: boolean };
    const file = values.config ?? io.env[CONFIG_VARIABLE];
    if (!file) throw new UserError('USAGE', `no deployment file: give --config <file> or set ${CONFIG_VARIABLE}`);
    const config = readDeployConfig(file);
    for (const name of values.account ?? [])
      if (!config.accounts.some((a) => a.name === name))
        throw new UserError('USAGE', `--account ${name}: not an account of ${file}`);
    if (values.account) config.accounts = config.accounts.filter((a) => values.account!.includes(a.name));

    workDir = values.dryRun ? '<temporary directory>' : mkdtempSync(join(tmpdir(), 'lattice-e2e-relays-'));
    const plan = planRelayDeploy(config, TEMPLATE, workDir);
    const profiles = roleProfiles(config);
    const awsConfig = join(workDir, 'aws-config');
    const envOf = (step: AccountDeploy) => (step.account.roleArn ? { AWS_CONFIG_FILE: awsConfig } : {});
    if (values.dryRun) {
      workDir = undefined;
      if (profiles) io.stdout.write(`# ${awsConfig} (AWS CLI profiles of the role accounts):\n${profiles}\n`);
      for (const step of plan) {
        const prefix = step.account.roleArn ? `AWS_CONFIG_FILE=${awsConfig} ` : '';
        io.stdout.write(`# ${step.account.name}\n`);
        for (const args of [step.package, step.deploy, step.describe]) io.stdout.write(`${prefix}aws ${shown(args)}\n`);
      }
      return 0;
    }
    if (!existsSync(BUNDLE)) throw new UserError('NO_BUNDLE', `${BUNDLE} is missing: run npm run build`);
    const aws = await which('aws', { nothrow: true });
    if (!aws) throw new UserError('NO_AWS_CLI', 'the AWS CLI (aws) is not on PATH');
    writeFileSync(awsConfig, profiles, { mode: 0o600 });

    for (const step of plan) {
      const env = { ...io.env, ...envOf(step) };
      for (const [what, args] of [
        ['package', step.package],
        ['deploy', step.deploy],
      ] as const) {
        io.stderr.write(`${step.account.name}: aws ${shown(args.slice(0, 2))}\n`);
        const result = await $({ env, quiet: true, nothrow: true })`${aws} ${args}`;
        io.stderr.write(result.stdout + result.stderr);
        if (result.exitCode !== 0) {
          io.stderr.write(`error: ${step.account.name}: aws cloudformation ${what} failed (exit ${result.exitCode})\n`);
          return 1;
        }
      }
      const described = await $({ env, quiet: true, nothrow: true })`${aws} ${step.describe}`;
      const arn = described.stdout.trim();
      if (described.exitCode !== 0 || !/^arn:aws[a-z-]*:lambda:/.test(arn)) {
        io.stderr.write(described.stderr);
        io.stderr.write(`error: ${step.account.name}: no FunctionArn output on stack ${step.account.stackName}\n`);
        return 1;
      }
      io.stdout.write(`${step.account.name} ${arn}\n`);
    }
    return 0;
  } catch (error) {
    return reportCliError(error, io.stderr, usage);
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
}
