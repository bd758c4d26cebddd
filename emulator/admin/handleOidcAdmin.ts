import { ControlPlaneError, jsonAnswer } from '../controlplane/restJson';
import { headerValue, type Answer, type IncomingCall } from '../http/types';
import type { World } from '../world/World';

/** Paths of the local OIDC issuer on the admin endpoint. */
export const OIDC_ADMIN_PREFIX = '/_local/oidc';

const MAX_LIFETIME_SECONDS = 24 * 3600;

function readMintRequest(body: Buffer): { sub: string; aud?: string | string[]; expiresInSeconds?: number } {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw ControlPlaneError.validation('the token request is not valid JSON', 'cannotParse');
  }
  const fail = (field: string, message: string) =>
    ControlPlaneError.validation(message, 'fieldValidationFailed', [{ name: field, message }]);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail('body', 'the token request must be a JSON object');
  const { sub, aud, expiresInSeconds, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined)
    throw fail(unknown.slice(0, 64), `unknown field "${unknown.slice(0, 64)}" (expected sub, aud, expiresInSeconds)`);
  if (typeof sub !== 'string' || sub === '' || sub.length > 1024)
    throw fail('sub', 'sub must be a string of 1 to 1024 characters');
  const audOk = (a: unknown) => typeof a === 'string' && a !== '' && a.length <= 1024;
  if (
    aud !== undefined &&
    !(audOk(aud) || (Array.isArray(aud) && aud.length > 0 && aud.length <= 10 && aud.every(audOk)))
  ) {
    throw fail('aud', 'aud must be a string or a list of 1 to 10 strings');
  }
  if (
    expiresInSeconds !== undefined &&
    !(
      Number.isInteger(expiresInSeconds) &&
      (expiresInSeconds as number) >= 1 &&
      (expiresInSeconds as number) <= MAX_LIFETIME_SECONDS
    )
  ) {
    throw fail('expiresInSeconds', `expiresInSeconds must be a whole number from 1 to ${MAX_LIFETIME_SECONDS}`);
  }
  return { sub, aud: aud as string | string[] | undefined, expiresInSeconds: expiresInSeconds as number | undefined };
}

/**
 * The local OIDC issuer on the admin endpoint: its discovery document, its JWKS, and
 * `POST /_local/oidc/token` (`{sub, aud?, expiresInSeconds?}`) minting an ID token as a CI
 * system would put in `AWS_WEB_IDENTITY_TOKEN_FILE`. Undefined for paths it does not serve.
 */
export function handleOidcAdmin(call: IncomingCall, path: string, world: World): Answer | undefined {
  const issuer = world.oidcIssuer;
  switch (`${call.method} ${path}`) {
    case `GET ${OIDC_ADMIN_PREFIX}/.well-known/openid-configuration`: {
      const host = headerValue(call.rawHeaders, 'host') ?? `127.0.0.1:${call.localPort}`;
      return jsonAnswer(200, issuer.discovery(`http://${host}${OIDC_ADMIN_PREFIX}/jwks`));
    }
    case `GET ${OIDC_ADMIN_PREFIX}/jwks`:
      return jsonAnswer(200, issuer.jwks());
    case `POST ${OIDC_ADMIN_PREFIX}/token`:
      return jsonAnswer(200, { token: issuer.mintToken(readMintRequest(call.body)), issuer: issuer.url });
    default:
      return undefined;
  }
}
