export type {
  PayloadMode,
  ReceivedRequest,
  SigningAlgorithm,
  SigningKeyRecord,
  VerifyOptions,
  VerifyResult,
} from './types';
export { verifyRequest } from './verifyRequest';
export { getCanonicalRequest, type CanonicalRequestInput } from './getCanonicalRequest';
export { getStringToSign, type StringToSignInput } from './getStringToSign';
export { deriveSigV4aPublicKey, type SigV4aPublicKey } from './deriveSigV4aPublicKey';
export { UNSIGNED_PAYLOAD } from './resolvePayloadHash';
export { normalizePath } from './getCanonicalPath';
