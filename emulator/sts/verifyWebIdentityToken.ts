import { verify } from 'node:crypto';
import type { World } from '../world/World';
import type { OidcProviderSpec } from '../../world';
import { StsError } from './stsXml';

/** A web identity token that passed every check, and the IAM OIDC provider that accepted it. */
export interface VerifiedWebIdentity {
  provider: OidcProviderSpec;
  /** `arn:aws:iam::<account>:oidc-provider/<host/path>` */
  providerArn: string;
  /** The provider URL without `https://`: the prefix of its condition keys (`<host>:aud`). */
  providerHost: string;
  claims: Record<string, unknown>;
}

// STS's words (as its answers quote them; the last one is the API reference's for InvalidIdentityToken).
const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
const NO_KEY =
  "Couldn't retrieve verification key from your identity provider,  " +
  'please reference AssumeRoleWithWebIdentity documentation for ' +
  'requirements';
const NOT_VALIDATED =
  'The web identity token that was passed could not be validated by ' +
  'Amazon Web Services. Get a new identity token from the identity ' +
  'provider and then retry the request.';

const invalid = (message: string) => new StsError(400, 'InvalidIdentityToken', message);

function decodePart(part: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw invalid(NOT_A_JWT);
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the refusal below
  }
  throw invalid(NOT_A_JWT);
}

const audiences = (aud: unknown): string[] =>
  typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];

/**
 * Checks a web identity token as STS does before it looks at the role's trust policy: a JWT,
 * issued (`iss`) by an OIDC provider of the role's account, signed (RS256) by the issuer's key,
 * not expired, and for an audience the provider lists. The local world's issuer is the only one
 * with keys: a provider of any other URL cannot have its tokens verified.
 */
export function verifyWebIdentityToken(
  token: string,
  roleAccount: string | undefined,
  world: World,
): VerifiedWebIdentity {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid(NOT_A_JWT);
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  const iss = claims.iss;
  if (typeof iss !== 'string' || iss === '') throw invalid(NOT_A_JWT);
  const provider = (world.spec.oidcProviders ?? []).find((p) => p.account === roleAccount && p.url === iss);
  if (!provider) throw invalid(`No OpenIDConnect provider found in your account for ${iss}`);

  const issuer = world.oidcIssuer;
  const key = provider.url === issuer.url ? issuer.publicKeyFor(header.kid) : undefined;
  if (!key) throw invalid(NO_KEY);
  if (header.alg !== 'RS256' || !/^[A-Za-z0-9_-]*$/.test(parts[2])) throw invalid(NOT_VALIDATED);
  const signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
  if (!signed) throw invalid(NOT_VALIDATED);

  const now = Math.floor(world.clock.now().getTime() / 1000);
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw invalid(NOT_A_JWT);
  if (now >= claims.exp) {
    throw new StsError(
      400,
      'ExpiredTokenException',
      `Token expired: current date/time ${now} must be before the expiration date/time ${claims.exp}`,
    );
  }
  if (typeof claims.nbf === 'number' && now < claims.nbf) throw invalid(NOT_VALIDATED);
  if (!audiences(claims.aud).some((a) => provider.clientIds.includes(a))) throw invalid('Incorrect token audience');

  const providerHost = provider.url.replace(/^https:\/\//, '');
  return {
    provider,
    providerArn: `arn:aws:iam::${provider.account}:oidc-provider/${providerHost}`,
    providerHost,
    claims,
  };
}
