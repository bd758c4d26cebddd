import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTokenFile } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { SEED } from '../../world';
import { INVOKER_B, invoke, REGION } from './support/localCalls';

const CI_ROLE = 'arn:aws:iam::333333333333:role/lattice-e2e-ci';
const ISSUER = 'https://oidc.lattice-e2e.local';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

let local: LocalWorld;
let dir: string;
beforeAll(async () => {
  local = await startLocalWorld();
  dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-web-identity-'));
});
afterAll(async () => {
  await local.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Mints a token through the admin endpoint, as a CI job would fetch its ID token. */
async function mint(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${local.adminUrl}/oidc/token`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** An STS client with no credentials at all: AssumeRoleWithWebIdentity goes unsigned. */
const anonymousSts = () => new STSClient({ region: REGION, endpoint: local.stsEndpoint, maxAttempts: 1 });
const exchange = (token: string, roleArn = CI_ROLE) =>
  anonymousSts().send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'ci', WebIdentityToken: token }),
  );

/** Runs `fn` with exactly these AWS variables (others removed, no shared config files), then restores process.env. */
async function withAwsEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    ...vars,
  });
  try {
    return await fn();
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

/** A JWT signed with a key the local world does not know. */
function foreignToken(claims: Record<string, unknown>): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${part({ alg: 'RS256', typ: 'JWT', kid: 'foreign' })}.${part(claims)}`;
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
}

describe('the local OIDC issuer', () => {
  it(
    'publishes a discovery document and a JWKS that verify its tokens ' + '(RS256, iss, aud sts.amazonaws.com)',
    async () => {
      const discovery = (await (
        await fetch(`${local.adminUrl}/oidc/.well-known/openid-configuration`)
      ).json()) as Record<string, unknown>;
      expect(discovery).toMatchObject({ issuer: ISSUER, id_token_signing_alg_values_supported: ['RS256'] });
      const jwks = (await (await fetch(discovery.jwks_uri as string)).json()) as { keys: Record<string, string>[] };
      const token = await mint({ sub: SEED.ciSubject });
      const [header, payload, signature] = token.split('.');
      const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
      const jwk = jwks.keys.find((k) => k.kid === kid)!;
      const key = createPublicKey({ key: jwk as never, format: 'jwk' });
      expect(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))).toBe(
        true,
      );
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expect(claims).toMatchObject({ iss: ISSUER, sub: SEED.ciSubject, aud: 'sts.amazonaws.com' });
      expect(claims.exp - claims.iat).toBe(300);
    },
  );

  it('refuses a malformed token request with a restJson ValidationException naming the field', async () => {
    const res = await fetch(`${local.adminUrl}/oidc/token`, {
      method: 'POST',
      body: JSON.stringify({ sub: '', extra: 1 }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });
});

describe('AssumeRoleWithWebIdentity, then AssumeRole: the nightly credential path, offline', () => {
  it(
    'the SDK default chain reads AWS_WEB_IDENTITY_TOKEN_FILE + ' +
      'AWS_ROLE_ARN, the session assumes a caller role and invokes',
    async () => {
      const tokenFile = join(dir, 'token');
      writeFileSync(tokenFile, await mint({ sub: SEED.ciSubject }));
      const env = {
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        AWS_ROLE_ARN: CI_ROLE,
        AWS_ROLE_SESSION_NAME: 'lattice-e2e-1234',
        AWS_REGION: REGION,
        AWS_ENDPOINT_URL_STS: local.stsEndpoint,
      };
      const caller = await withAwsEnv(env, async () => {
        const credentials = fromNodeProviderChain();
        const sts = new STSClient({ region: REGION, credentials, maxAttempts: 1 });
        const me = await sts.send(new GetCallerIdentityCommand({}));
        expect(me.Arn).toBe('arn:aws:sts::333333333333:assumed-role/lattice-e2e-ci/lattice-e2e-1234');
        const out = await sts.send(
          new AssumeRoleCommand({
            RoleArn: INVOKER_B,
            RoleSessionName: 'nightly',
            Tags: [{ Key: 'run', Value: '1234' }],
          }),
        );
        return out.Credentials!;
      });
      const session = {
        accessKeyId: caller.AccessKeyId!,
        secretAccessKey: caller.SecretAccessKey!,
        sessionToken: caller.SessionToken,
      };
      expect(await invoke(local, session)).toMatchObject({ kind: 'response', status: 200, body: '"Lattice Success!"' });
    },
  );

  it('fromTokenFile with the endpoint in clientConfig gets the CI role session', async () => {
    const tokenFile = join(dir, 'token-2');
    writeFileSync(tokenFile, await mint({ sub: SEED.ciSubject }));
    const provider = fromTokenFile({
      webIdentityTokenFile: tokenFile,
      roleArn: CI_ROLE,
      roleSessionName: 'ci-2',
      clientConfig: { region: REGION, endpoint: local.stsEndpoint },
    });
    const credentials = await withAwsEnv({}, () => provider());
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('answers the AssumeRoleWithWebIdentity result members', async () => {
    const out = await exchange(await mint({ sub: SEED.ciSubject }));
    expect(out).toMatchObject({
      SubjectFromWebIdentityToken: SEED.ciSubject,
      Provider: ISSUER,
      Audience: 'sts.amazonaws.com',
      AssumedRoleUser: { Arn: 'arn:aws:sts::333333333333:assumed-role/lattice-e2e-ci/ci' },
    });
  });
});

describe('refused web identity tokens, with STS codes and messages', () => {
  it('InvalidIdentityToken for a signature that does not verify', async () => {
    const [h, p, s] = (await mint({ sub: SEED.ciSubject })).split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forgedClaims = { ...claims, sub: 'repo:someone/else:ref:refs/heads/main' };
    const forged = `${h}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${s}`;
    await expect(exchange(forged)).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message:
        'The web identity token that was passed could not be validated by ' +
        'Amazon Web Services. Get a new identity token from the identity ' +
        'provider and then retry the request.',
    });
  });

  it('InvalidIdentityToken for a key the issuer does not have, an unknown issuer, and what is not a JWT', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(
      exchange(foreignToken({ iss: ISSUER, sub: SEED.ciSubject, aud: 'sts.amazonaws.com', exp: now + 300 })),
    ).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringContaining("Couldn't retrieve verification key from your identity provider"),
    });
    const github = 'https://token.actions.githubusercontent.com';
    await expect(
      exchange(foreignToken({ iss: github, sub: SEED.ciSubject, aud: 'sts.amazonaws.com', exp: now + 300 })),
    ).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: `No OpenIDConnect provider found in your account for ${github}`,
    });
    await expect(exchange('not-a-token')).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
    });
  });

  it('ExpiredTokenException for an expired token', async () => {
    // Minted in process ten minutes ago with a five-minute lifetime: no waiting.
    const token = local.world.oidcIssuer.mintToken({ sub: SEED.ciSubject, issuedAt: new Date(Date.now() - 600_000) });
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp;
    await expect(exchange(token)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringMatching(
        new RegExp(`^Token expired: current date/time \\d+ must be before the expiration date/time ${exp}$`),
      ),
    });
  });

  it('InvalidIdentityToken "Incorrect token audience" for an audience the provider does not list', async () => {
    await expect(exchange(await mint({ sub: SEED.ciSubject, aud: 'sigstore' }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience',
    });
  });

  it(
    'AccessDenied when the trust policy does not match the token (another ' +
      'branch) or the role does not trust the provider',
    async () => {
      await expect(
        exchange(await mint({ sub: 'repo:lattice-e2e/lattice-e2e:ref:refs/heads/feature' })),
      ).rejects.toMatchObject({ name: 'AccessDenied', message: NOT_AUTHORIZED });
      await expect(
        exchange(await mint({ sub: SEED.ciSubject }), 'arn:aws:iam::333333333333:role/does-not-exist'),
      ).rejects.toMatchObject({ name: 'AccessDenied', message: NOT_AUTHORIZED });
      // A role of an account without the provider: STS finds no provider for the issuer there.
      await expect(exchange(await mint({ sub: SEED.ciSubject }), INVOKER_B)).rejects.toMatchObject({
        name: 'InvalidIdentityTokenException',
        message: `No OpenIDConnect provider found in your account for ${ISSUER}`,
      });
    },
  );

  it('the runner cannot AssumeRole the CI role: it trusts the OIDC provider only', async () => {
    const sts = new STSClient({
      region: REGION,
      endpoint: local.stsEndpoint,
      credentials: local.world.runnerKey,
      maxAttempts: 1,
    });
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: CI_ROLE, RoleSessionName: 'runner' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
