import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetAuthPolicyCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../harness/request/signRequest';
import { sendRequest } from '../../harness/send/sendRequest';
import { parseEmulatorArgs } from '../../harness/cli/emulatorCommand';
import { SEED } from '../../world';
import { projectRoot } from '../support/paths';

// `npm run emulator` runs the bundled command (scripts/run.mjs; test/support/buildBundles.ts keeps it current).
const BUNDLE = join(projectRoot, 'dist', 'emulator.js');

/** Reads `export NAME='value'` lines. */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z0-9_]+)='(.*)'$/.exec(line);
    if (match) vars[match[1]] = match[2].replace(/'\\''/g, "'");
  }
  return vars;
}

/** Polls until the env file holds the export lines (bounded: 20 s). */
async function waitForExports(file: string, child: ChildProcess): Promise<Record<string, string>> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode} before writing ${file}`);
    const vars = existsSync(file) ? parseExports(readFileSync(file, 'utf8')) : {};
    if (vars.LATTICE_E2E_ADMIN_URL) return vars;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no exports in ${file} after 20 s`);
}

/** Runs `fn` with the given variables in process.env (and no profile or session token), then restores it. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL'])
    delete process.env[name];
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

describe('npm run emulator (a real process)', () => {
  let child: ChildProcess;
  let vars: Record<string, string>;
  let stdout = '';
  let stderr = '';
  const exited = () =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
    );

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-emulator-test-'));
    const envFile = join(dir, 'local.env');
    // Node 20 reads `--env-file` anywhere on its command line and stops if the file is missing,
    // so the file exists (empty) before the emulator replaces it with its exports.
    writeFileSync(envFile, '');
    child = spawn(process.execPath, [BUNDLE, '--env-file', envFile, '--propagation-delay', '0'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    vars = await waitForExports(envFile, child);
    // The same lines on stdout: written after the file, they may reach this end of the pipe later (bounded: 20 s).
    for (let waited = 0; waited < 20_000 && !parseExports(stdout).LATTICE_E2E_ADMIN_URL; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }, 30_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the documented export lines, and writes the same to --env-file', () => {
    expect(Object.keys(vars)).toEqual(
      expect.arrayContaining([
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_REGION',
        'AWS_ENDPOINT_URL_STS',
        'AWS_ENDPOINT_URL_VPC_LATTICE',
        'LATTICE_E2E_CA_FILE',
        'LATTICE_E2E_DATA_PLANE',
        'LATTICE_E2E_DATA_PLANE_HTTPS',
        'LATTICE_E2E_ADMIN_URL',
        'LATTICE_E2E_SERVICE_PARKING_URL',
        'LATTICE_E2E_SERVICE_PARKING_HTTPS_URL',
        'LATTICE_E2E_SERVICE_PARKING_ARN',
        'LATTICE_E2E_SERVICE_PARKING_DOMAIN',
        'LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_INVOKER_ARN',
        'LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_NO_INVOKE_ARN',
        'LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_ARN',
        'LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_EXTERNAL_ID',
        'LATTICE_E2E_ROLE_TOOLING_LATTICE_E2E_CI_ARN',
      ]),
    );
    // AWS CLI v1 and botocore read the region from AWS_DEFAULT_REGION only.
    expect(vars.AWS_DEFAULT_REGION).toBe('us-east-1');
    expect(vars.AWS_REGION).toBe('us-east-1');
    expect(vars.LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_INVOKER_EXTERNAL_ID).toBeUndefined();
    expect(vars.LATTICE_E2E_ROLE_OUTSIDER_C_LATTICE_INVOKER_EXTERNAL_ID).toBe('lattice-e2e-outsider');
    expect(vars.LATTICE_E2E_DATA_PLANE).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(parseExports(stdout)).toEqual(vars);
    expect(readFileSync(vars.LATTICE_E2E_CA_FILE, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it(
    'serves the AWS SDK configured by those variables alone, and the data ' + 'plane over HTTPS with the CA file',
    async () => {
      await withEnv(vars, async () => {
        const sts = new STSClient({});
        expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
          'arn:aws:iam::333333333333:user/lattice-e2e-runner',
        );
        const out = await sts.send(
          new AssumeRoleCommand({
            RoleArn: vars.LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_INVOKER_ARN,
            RoleSessionName: 'standalone',
          }),
        );
        const lattice = new VPCLatticeClient({});
        expect(
          (await lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: vars.LATTICE_E2E_SERVICE_PARKING_ARN })))
            .state,
        ).toBe('Active');

        const url = new URL(vars.LATTICE_E2E_SERVICE_PARKING_HTTPS_URL);
        const credentials = {
          accessKeyId: out.Credentials!.AccessKeyId!,
          secretAccessKey: out.Credentials!.SecretAccessKey!,
          sessionToken: out.Credentials!.SessionToken,
        };
        const request = await signRequest(
          {
            method: 'GET',
            protocol: 'https:',
            hostname: url.hostname,
            port: Number(url.port),
            path: '/',
            query: {},
            headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
          },
          { region: vars.AWS_REGION, credentials },
        );
        const answer = await sendRequest(request, {
          timeoutMs: 5000,
          ca: readFileSync(vars.LATTICE_E2E_CA_FILE),
          localAddress: '127.0.0.11',
        });
        expect(answer).toMatchObject({ kind: 'response', status: 200, body: '"Lattice Success!"' });
      });
      const stats = await (await fetch(`${vars.LATTICE_E2E_ADMIN_URL}/stats`)).json();
      expect(stats).toMatchObject({
        assumeRole: { [vars.LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_INVOKER_ARN]: 1 },
        invokes: 1,
      });
    },
  );

  it(
    'runs the nightly credential path offline: an OIDC token file and ' +
      'AWS_ROLE_ARN, then AssumeRole of a caller role',
    async () => {
      const res = await fetch(`${vars.LATTICE_E2E_ADMIN_URL}/oidc/token`, {
        method: 'POST',
        body: JSON.stringify({ sub: SEED.ciSubject }),
      });
      const tokenFile = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-oidc-')), 'token');
      writeFileSync(tokenFile, ((await res.json()) as { token: string }).token);
      const ci = {
        ...vars,
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        AWS_ROLE_ARN: vars.LATTICE_E2E_ROLE_TOOLING_LATTICE_E2E_CI_ARN,
        AWS_ROLE_SESSION_NAME: 'nightly-offline',
        AWS_CONFIG_FILE: join(tmpdir(), 'lattice-e2e-no-such-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'lattice-e2e-no-such-credentials'),
      };
      await withEnv(ci, async () => {
        // The CI runner has no keys: the SDK's default chain finds the web identity token.
        delete process.env.AWS_ACCESS_KEY_ID;
        delete process.env.AWS_SECRET_ACCESS_KEY;
        const sts = new STSClient({});
        expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
          'arn:aws:sts::333333333333:assumed-role/lattice-e2e-ci/nightly-offline',
        );
        const out = await sts.send(
          new AssumeRoleCommand({
            RoleArn: vars.LATTICE_E2E_ROLE_CONSUMER_B_LATTICE_INVOKER_ARN,
            RoleSessionName: 'nightly-caller',
          }),
        );
        expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/lattice-invoker/nightly-caller');
      });
    },
  );

  it('stops cleanly on SIGTERM: exit code 0, servers closed, temporary CA file removed', async () => {
    child.kill('SIGTERM');
    expect(await exited()).toBe(0);
    expect(stderr).toContain('stopping (SIGTERM)');
    expect(existsSync(vars.LATTICE_E2E_CA_FILE)).toBe(false);
    await expect(fetch(`${vars.LATTICE_E2E_ADMIN_URL}/stats`)).rejects.toThrow();
  });
});

describe('emulator arguments', () => {
  it('reads --env-file, --ca-file and --propagation-delay (also with =, and past a "--")', () => {
    expect(parseEmulatorArgs([])).toEqual({ propagationDelayMs: 5000, help: false });
    expect(parseEmulatorArgs(['--', '--env-file', 'a.env', '--ca-file=ca.pem', '--propagation-delay=250'])).toEqual({
      envFile: 'a.env',
      caFile: 'ca.pem',
      propagationDelayMs: 250,
      help: false,
    });
    expect(parseEmulatorArgs(['--source-org-id-mode', 'source-vpc-owner'])).toMatchObject({
      sourceOrgIdMode: 'source-vpc-owner',
    });
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => parseEmulatorArgs(['--propagation-delay', 'soon'])).toThrow(
      '--propagation-delay must be a whole number of milliseconds, got "soon"',
    );
    expect(() => parseEmulatorArgs(['--port', '1'])).toThrow("unknown option '--port'");
    expect(() => parseEmulatorArgs(['--env-file'])).toThrow("option '--env-file <file>' argument missing");
    expect(() => parseEmulatorArgs(['--source-org-id-mode', 'vpc'])).toThrow(
      '--source-org-id-mode must be one of principal, source-vpc-owner, absent, got "vpc"',
    );
  });
});
