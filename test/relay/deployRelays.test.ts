import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';
import { runScript } from '../support/runCli';
import { runInProcess } from '../support/runInProcess';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzzzSECRET';
const ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: `token-${SECRET}` };

const CONFIG = {
  region: 'us-east-1',
  invokerRoleArn: 'arn:aws:iam::111111111111:role/lattice-e2e-ci',
  allowedHosts: ['*.7d67968.vpc-lattice-svcs.us-east-1.on.aws', 'parking.example.com'],
  accounts: [
    {
      name: 'consumer-b',
      profile: 'consumer-b-admin',
      bucket: 'artifacts-222222222222',
      subnetIds: ['subnet-0a', 'subnet-0b'],
      vpcId: 'vpc-0b',
    },
    {
      name: 'outsider-c',
      roleArn: 'arn:aws:iam::444444444444:role/deployer',
      bucket: 'artifacts-444444444444',
      subnetIds: ['subnet-0c'],
      securityGroupIds: ['sg-0c'],
      region: 'eu-west-1',
    },
  ],
};

function configFile(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'relays-config-'));
  const file = join(dir, 'relays.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** A stand-in for the AWS CLI (AWS itself cannot be reached): logs each call, answers describe-stacks with an ARN. */
function fakeAws(failOn?: string): { path: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-aws-'));
  const log = join(dir, 'calls.log');
  const script = [
    '#!/bin/sh',
    `echo "CALL $*" >> ${log}`,
    `if [ -n "$AWS_CONFIG_FILE" ]; then echo "CONFIG $AWS_CONFIG_FILE" >> ${log}; cat "$AWS_CONFIG_FILE" >> ${log}; fi`,
    failOn ? `case "$*" in *"${failOn}"*) echo "An error occurred (ValidationError)" >&2; exit 254;; esac` : '',
    'case "$*" in *describe-stacks*)',
    '  for a in "$@"; do case "$a" in lattice-e2e-relay-*) stack="$a";; esac; done',
    '  echo "arn:aws:lambda:us-east-1:222222222222:function:$stack-relay";;',
    'esac',
  ].join('\n');
  writeFileSync(join(dir, 'aws'), `${script}\n`);
  chmodSync(join(dir, 'aws'), 0o755);
  return { path: `${dir}${delimiter}${process.env.PATH}`, log };
}

describe('npm run deploy-relays', () => {
  it('--dry-run prints package, deploy and describe per account, and runs nothing', async () => {
    const fake = fakeAws();
    const run = await runInProcess('deploy-relays.ts', ['--config', configFile(CONFIG), '--dry-run'], {
      ...ENV,
      PATH: fake.path,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const b = lines.filter((l) => l.startsWith('aws ') && l.includes('--profile consumer-b-admin'));
    expect(b.map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual([
      'cloudformation package',
      'cloudformation deploy',
      'cloudformation describe-stacks',
    ]);
    expect(b[0]).toContain(`--template-file ${join(projectRoot, 'relay', 'template.yaml')}`);
    expect(b[0]).toContain('--s3-bucket artifacts-222222222222');
    expect(b[1]).toContain('--stack-name lattice-e2e-relay-consumer-b');
    expect(b[1]).toContain('--capabilities CAPABILITY_IAM');
    expect(b[1]).toContain('SubnetIds=subnet-0a,subnet-0b');
    expect(b[1]).toContain('VpcId=vpc-0b');
    expect(b[1]).toContain('InvokerRoleArn=arn:aws:iam::111111111111:role/lattice-e2e-ci');
    expect(b[1]).toContain("'AllowedHosts=*.7d67968.vpc-lattice-svcs.us-east-1.on.aws,parking.example.com'");
    const c = lines.filter((l) => l.includes('--profile lattice-e2e-relay-outsider-c'));
    expect(c).toHaveLength(3);
    for (const line of c) expect(line).toMatch(/^AWS_CONFIG_FILE=.* aws .*--region eu-west-1/);
    expect(c[1]).toContain('SecurityGroupIds=sg-0c');
    expect(run.stdout).toContain('role_arn = arn:aws:iam::444444444444:role/deployer');
    expect(run.stdout).toContain('credential_source = Environment');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(() => readFileSync(fake.log)).toThrow();
  });

  it('deploys each account with the AWS CLI and prints each function ARN', async () => {
    const fake = fakeAws();
    const run = await runScript('deploy-relays.ts', ['--config', configFile(CONFIG)], { ...ENV, PATH: fake.path });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'consumer-b arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b-relay',
      'outsider-c arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-outsider-c-relay',
    ]);
    const log = readFileSync(fake.log, 'utf8');
    const calls = log.split('\n').filter((l) => l.startsWith('CALL '));
    expect(calls.map((l) => `${l.split(' ')[2]} ${l.match(/--profile (\S+)/)?.[1]}`)).toEqual([
      'package consumer-b-admin',
      'deploy consumer-b-admin',
      'describe-stacks consumer-b-admin',
      'package lattice-e2e-relay-outsider-c',
      'deploy lattice-e2e-relay-outsider-c',
      'describe-stacks lattice-e2e-relay-outsider-c',
    ]);
    // Only the role account's calls see the run's own AWS CLI config, which assumes its role.
    expect(log.match(/^CONFIG /gm)).toHaveLength(3);
    expect(log).toContain('[profile lattice-e2e-relay-outsider-c]\nrole_arn = arn:aws:iam::444444444444:role/deployer');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('stops at a failed command, naming the account and the step (exit 1)', async () => {
    const fake = fakeAws('cloudformation deploy');
    const run = await runScript('deploy-relays.ts', ['--config', configFile(CONFIG)], { ...ENV, PATH: fake.path });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: consumer-b: aws cloudformation deploy failed (exit 254)');
    expect(run.stderr).toContain('ValidationError');
    expect(run.stdout).toBe('');
  });

  it('names what is missing: the file, and each account field (exit 2, no stack trace)', async () => {
    const none = await runInProcess('deploy-relays.ts', [], { LATTICE_E2E_RELAYS_CONFIG: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give --config <file> or set LATTICE_E2E_RELAYS_CONFIG');
    const noCredentials = structuredClone(CONFIG) as { accounts: Record<string, unknown>[] };
    delete noCredentials.accounts[1]!.roleArn;
    const file = configFile(noCredentials);
    const run = await runInProcess('deploy-relays.ts', ['--config', file, '--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: accounts[1].profile: account outsider-c: give either profile or roleArn`);
    const noVpc = structuredClone(CONFIG) as { accounts: Record<string, unknown>[] };
    delete noVpc.accounts[0]!.vpcId;
    const vpcRun = await runInProcess('deploy-relays.ts', ['--config', configFile(noVpc), '--dry-run']);
    expect(vpcRun.stderr).toContain('accounts[0].vpcId: account consumer-b: give vpcId');
    const good = configFile(CONFIG);
    const unknown = await runInProcess('deploy-relays.ts', ['--config', good, '--account', 'nobody', '--dry-run']);
    expect(unknown.stderr).toContain('--account nobody: not an account of');
    for (const r of [none, run, vpcRun, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
