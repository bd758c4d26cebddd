/** A request as an HTTP server received it, before any normalisation. */
export interface ReceivedRequest {
  method: string;
  /** The raw request-target exactly as on the wire: '/path?query' (percent-encoded as sent). */
  target: string;
  /** Node's flat [name, value, name, value, ...] (`req.rawHeaders`), original case and order. */
  rawHeaders: string[];
  /** Needed only when the payload mode is 'verify'. Absent means empty. */
  body?: Uint8Array;
}

/** What the key store knows about an access key id. */
export interface SigningKeyRecord {
  secretAccessKey: string;
  /** Present for temporary credentials: the request must carry exactly this token. */
  sessionToken?: string;
  expiration?: Date;
}

export type PayloadMode = 'unsigned-required' | 'verify';

export interface VerifyOptions {
  /** Signing name expected in the credential scope: 'vpc-lattice-svcs' or 'sts'. */
  service: string;
  /** Region the request must be valid for, e.g. 'us-east-1'. */
  region: string;
  /** Injected clock. */
  now: Date;
  lookupKey(accessKeyId: string): SigningKeyRecord | undefined;
  /**
   * 'unsigned-required' (Lattice): x-amz-content-sha256 must be signed and be UNSIGNED-PAYLOAD.
   * 'verify' (STS): the payload hash line is sha256(body); x-amz-content-sha256 is optional.
   */
  payload: PayloadMode;
  /** Default true. */
  allowSigV4a?: boolean;
  /** Default true: X-Amz-Algorithm etc. in the query. */
  allowPresigned?: boolean;
  /** Default true (non-S3): remove dot segments and empty segments before encoding the path. */
  normalizePath?: boolean;
  /** Default 5 minutes. */
  maxSkewMs?: number;
}

export type SigningAlgorithm = 'AWS4-HMAC-SHA256' | 'AWS4-ECDSA-P256-SHA256';

export type VerifyResult =
  | { kind: 'unsigned' }
  | {
      kind: 'verified';
      accessKeyId: string;
      algorithm: SigningAlgorithm;
      signedHeaders: string[];
      sessionToken?: string;
      presigned: boolean;
    }
  | { kind: 'rejected'; code: RejectionCode; message: string };

/** Why the verifier refuses a signature, as AWS's services name it. */
export type RejectionCode =
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException';

export type Rejection = Extract<VerifyResult, { kind: 'rejected' }>;
