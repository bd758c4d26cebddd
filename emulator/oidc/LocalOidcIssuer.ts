import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** The local issuer's URL: the `iss` of its tokens and the URL of the IAM OIDC provider that trusts it. */
export const LOCAL_OIDC_ISSUER_URL = 'https://oidc.lattice-e2e.local';

/** The audience GitHub Actions and the AWS tooling ask for when the token is for STS. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

export interface MintTokenOptions {
  sub: string;
  /** Default `sts.amazonaws.com`. */
  aud?: string | string[];
  /** Lifetime from `issuedAt`; default 300 s (a GitHub Actions token lives 5 minutes). */
  expiresInSeconds?: number;
  /** Default: now on the world's clock. */
  issuedAt?: Date;
  /** Any other claims (`repository`, `ref`, ...). `iss`, `sub`, `aud`, `iat`, `exp` are the issuer's. */
  claims?: Record<string, unknown>;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * An OpenID Connect issuer of the local world: its own RSA key (made on first use), RS256 ID
 * tokens, a discovery document and a JWKS. The local STS verifies its tokens with the public key
 * in process (AWS fetches the JWKS from the issuer; the local issuer's name does not resolve).
 */
export class LocalOidcIssuer {
  readonly url = LOCAL_OIDC_ISSUER_URL;
  private key?: SigningKey;

  /** `now` reads the world's clock. */
  constructor(private readonly now: () => Date) {}

  /** `oidc.lattice-e2e.local`: the issuer URL without its scheme, the prefix of the IAM condition keys. */
  get host(): string {
    return this.url.replace(/^https:\/\//, '');
  }

  /** Signs an ID token as the issuer would hand it to a workload (e.g. a CI job's token file). */
  mintToken(options: MintTokenOptions): string {
    const key = this.signingKey();
    const iat = Math.floor((options.issuedAt ?? this.now()).getTime() / 1000);
    const payload = {
      ...options.claims,
      iss: this.url,
      sub: options.sub,
      aud: options.aud ?? STS_AUDIENCE,
      iat,
      nbf: iat,
      exp: iat + (options.expiresInSeconds ?? 300),
    };
    const header = { alg: 'RS256', typ: 'JWT', kid: key.kid };
    const head = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    return `${head}.${base64url(sign('sha256', Buffer.from(head), key.privateKey))}`;
  }

  /** The verification key for `kid`, if it is this issuer's. */
  publicKeyFor(kid: unknown): KeyObject | undefined {
    const key = this.signingKey();
    return kid === key.kid ? key.publicKey : undefined;
  }

  /** The JSON Web Key Set (RFC 7517) of the issuer's public key. */
  jwks(): { keys: Record<string, string>[] } {
    const key = this.signingKey();
    const jwk = key.publicKey.export({ format: 'jwk' }) as Record<string, string>;
    return { keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, kid: key.kid, alg: 'RS256', use: 'sig' }] };
  }

  /** The OpenID Provider Metadata, with the JWKS at `jwksUri` (where the world serves it). */
  discovery(jwksUri: string): Record<string, unknown> {
    return {
      issuer: this.url,
      jwks_uri: jwksUri,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'nbf'],
    };
  }

  private signingKey(): SigningKey {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const der = publicKey.export({ format: 'der', type: 'spki' });
      this.key = { kid: createHash('sha256').update(der).digest('hex').slice(0, 16), privateKey, publicKey };
    }
    return this.key;
  }
}
