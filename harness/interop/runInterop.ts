import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { $, which } from 'zx';
import type { LocalWorldHandle } from '../environments/LocalWorldHandle';
import { Redactor } from '../run/Redactor';
import { curlSigv4Args } from './curlSigv4Args';

/** One check of one standard client against the local world: what it ran and whether the answer was exact. */
export interface InteropCheck {
  client: string;
  check: string;
  status: 'passed' | 'failed' | 'skipped';
  detail?: string;
}

export interface InteropWorld extends LocalWorldHandle {
  https: { address: string; port: number };
  services: { name: string; domain: string; arn: string }[];
}

const OUTSIDER_DENIAL = (session: string, arn: string) =>
  `AccessDeniedException: User: ` +
  `arn:aws:sts::444444444444:assumed-role/lattice-invoker/${session} is ` +
  `not authorized to perform: ` +
  `vpc-lattice-svcs:Invoke on resource: ${arn}/ because no network-based ` +
  `policy allows the vpc-lattice-svcs:Invoke action`;

const ROLE_B = 'arn:aws:iam::222222222222:role/lattice-invoker';
const ROLE_C = 'arn:aws:iam::444444444444:role/lattice-invoker';

/**
 * Runs the standard clients found on this machine (the AWS CLI, curl --aws-sigv4, Python botocore)
 * against a running demo world, with zx, and checks every answer exactly. A client that is not
 * installed is reported as skipped by name, never silently.
 */
export async function runInterop(world: InteropWorld): Promise<InteropCheck[]> {
  const checks: InteropCheck[] = [];
  // A failing client's own words are reported: without a secret of this run in them.
  const redactor = new Redactor();
  redactor.add(world.world.runnerKey.secretAccessKey);
  const record = (client: string, check: string, ok: boolean, detail: string) =>
    checks.push({ client, check, status: ok ? 'passed' : 'failed', ...(!ok && { detail: redactor.redact(detail) }) });
  const dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-interop-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, world.caCertPem);
  const parking = world.services.find((s) => s.name === 'parking')!;
  const runner = world.world.runnerKey;
  const baseEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: runner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: runner.secretAccessKey,
    AWS_SESSION_TOKEN: '',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_STS: world.stsEndpoint,
    AWS_ENDPOINT_URL_VPC_LATTICE: world.controlPlaneEndpoint,
    AWS_CONFIG_FILE: join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_PAGER: '',
  };
  const quiet = $({ env: baseEnv, quiet: true, nothrow: true, cwd: dir });

  // The AWS CLI: STS and the control plane.
  if (await which('aws', { nothrow: true })) {
    const identity = await quiet`aws sts get-caller-identity --output json`;
    const arn = identity.exitCode === 0 ? (JSON.parse(identity.stdout) as { Arn?: string }).Arn : undefined;
    record(
      'aws-cli',
      'sts get-caller-identity',
      arn === 'arn:aws:iam::333333333333:user/lattice-e2e-runner',
      identity.stderr || String(arn),
    );
    const assumed = await quiet`aws sts assume-role --role-arn ${ROLE_B} --role-session-name interop-cli --output json`;
    const session =
      assumed.exitCode === 0 ? (JSON.parse(assumed.stdout) as { AssumedRoleUser?: { Arn?: string } }) : undefined;
    const expected = 'arn:aws:sts::222222222222:assumed-role/lattice-invoker/interop-cli';
    record(
      'aws-cli',
      'sts assume-role',
      session?.AssumedRoleUser?.Arn === expected,
      assumed.stderr || JSON.stringify(session),
    );
    const network = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0';
    const policy = await quiet`aws vpc-lattice get-auth-policy --resource-identifier ${network} --output json`;
    const state = policy.exitCode === 0 ? (JSON.parse(policy.stdout) as { state?: string }).state : undefined;
    record('aws-cli', 'vpc-lattice get-auth-policy', state === 'Active', policy.stderr || String(state));
  } else {
    checks.push({ client: 'aws-cli', check: 'all', status: 'skipped', detail: 'aws is not installed' });
  }

  // Session credentials for the data-plane clients, from the AWS SDK (the harness's own STS client is not under
  // test here).
  const sts = new STSClient({ region: 'us-east-1', endpoint: world.stsEndpoint, credentials: runner, maxAttempts: 1 });
  const sessionFor = async (roleArn: string, name: string, externalId?: string) => {
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: name, ExternalId: externalId }),
    );
    redactor.add(out.Credentials!.SecretAccessKey, out.Credentials!.SessionToken);
    return out.Credentials!;
  };
  const resolveTo = `${parking.domain}:443:${world.https.address}`;
  const url = `https://${parking.domain}:443/`;

  // curl --aws-sigv4, from consumer B's VPC and from C's.
  if (await which('curl', { nothrow: true })) {
    for (const [caller, address, roleArn, externalId, expect] of [
      ['consumer-b', '127.0.0.11', ROLE_B, undefined, '"Lattice Success!"'],
      ['outsider-c', '127.0.0.12', ROLE_C, 'lattice-e2e-outsider', OUTSIDER_DENIAL('interop-curl', parking.arn)],
    ] as const) {
      const c = await sessionFor(roleArn, 'interop-curl', externalId);
      const credentials = {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken,
      };
      const curlArgs = [
        ...curlSigv4Args(credentials, address, 'UNSIGNED-PAYLOAD'),
        ...['--cacert', caFile],
        ...['--resolve', resolveTo.replace(':443:', `:${world.https.port}:`)],
        ...['-X', 'POST', url.replace(':443/', `:${world.https.port}/`)],
      ];
      const answer = await quiet`curl -sS ${curlArgs}`;
      record(
        'curl',
        `--aws-sigv4 as ${caller}`,
        answer.exitCode === 0 && answer.stdout === expect,
        answer.stderr || answer.stdout.slice(0, 300),
      );
    }
  } else {
    checks.push({ client: 'curl', check: 'all', status: 'skipped', detail: 'curl is not installed' });
  }

  // Python botocore, the seed article's way: SigV4Auth with an unsigned payload.
  const python = (await which('python3', { nothrow: true })) ?? undefined;
  const hasBotocore = python ? (await quiet`python3 -c ${'import botocore'}`).exitCode === 0 : false;
  if (hasBotocore) {
    const c = await sessionFor(ROLE_B, 'interop-botocore');
    const script = `
import os, socket, ssl, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
host = os.environ["LATTICE_HOST"]
request = AWSRequest(method="POST", url="https://" + host + "/", headers={"x-amz-content-sha256": "UNSIGNED-PAYLOAD"})
SigV4Auth(
    Credentials(os.environ["KEY"], os.environ["SECRET"], os.environ["TOKEN"]), "vpc-lattice-svcs", "us-east-1"
).add_auth(request)
context = ssl.create_default_context(cafile=os.environ["CA_FILE"])
raw = socket.create_connection(
    (os.environ["CONNECT_HOST"], int(os.environ["CONNECT_PORT"])), source_address=("127.0.0.11", 0)
)
tls = context.wrap_socket(raw, server_hostname=host)
lines = (
    ["POST / HTTP/1.1", "Host: " + host]
    + [k + ": " + v for k, v in request.headers.items()]
    + ["Content-Length: 0", "Connection: close", "", ""]
)
tls.sendall("\\r\\n".join(lines).encode())
data = b""
while True:
    chunk = tls.recv(65536)
    if not chunk:
        break
    data += chunk
head, _, body = data.partition(b"\\r\\n\\r\\n")
sys.stdout.write(head.split(b" ")[1].decode() + " " + body.decode())
`;
    const env = {
      ...baseEnv,
      LATTICE_HOST: parking.domain,
      KEY: c.AccessKeyId!,
      SECRET: c.SecretAccessKey!,
      TOKEN: c.SessionToken!,
      CA_FILE: caFile,
      CONNECT_HOST: world.https.address,
      CONNECT_PORT: String(world.https.port),
    };
    // The connection goes to the loopback address; SNI and the certificate check name the service's host.
    const answer = await $({ env, quiet: true, nothrow: true, cwd: dir })`python3 -c ${script}`;
    record(
      'botocore',
      'SigV4Auth POST as consumer-b',
      answer.stdout === '200 "Lattice Success!"',
      answer.stderr.slice(-300) || answer.stdout,
    );
  } else {
    checks.push({
      client: 'botocore',
      check: 'all',
      status: 'skipped',
      detail: python ? 'python3 has no botocore' : 'python3 is not installed',
    });
  }
  return checks;
}
