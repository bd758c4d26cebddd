import type { SuiteFolder, VariantKind } from './loadSuite';

/**
 * Suite cases the tests do not check the usual way, and why. Every entry is asserted in place of
 * the check it replaces (`expect`), so the list cannot go stale silently.
 *
 * scope:
 * - 'socket': checked directly; not sent over a socket.
 * - 'verify': the verifier does not accept it; the canonical request and string to sign are
 *             still checked (or, with `canonical: 'differs'`, checked to differ).
 * - 'all':    nothing to compare against.
 * expect:
 * - 'node-refuses': sent anyway; Node's HTTP parser answers 400 before any code of ours runs.
 * - 'rejected':     verifyRequest refuses it (directly, and over the socket where it can go).
 * - 'nothing':      no assertion possible.
 */
export interface SuiteException {
  folders: SuiteFolder[];
  case: string;
  /** Both variants when absent. */
  variant?: VariantKind;
  scope: 'socket' | 'verify' | 'all';
  /** 'differs': our canonical request is not the expected one, and the test asserts that. */
  canonical?: 'differs';
  expect: 'node-refuses' | 'rejected' | 'nothing';
  reason: string;
}

const AWS_C_AUTH: SuiteFolder[] = ['aws-c-auth/v4', 'aws-c-auth/v4a'];
const ALL_WITH_CASE: SuiteFolder[] = ['aws-c-auth/v4', 'aws-c-auth/v4a', 'aws4_testsuite'];

export const SUITE_EXCEPTIONS: SuiteException[] = [
  {
    folders: ALL_WITH_CASE,
    case: 'get-header-value-multiline',
    scope: 'socket',
    expect: 'node-refuses',
    reason:
      'Obsolete line folding (a header continued on indented lines): llhttp ' +
      'refuses it (HPE_INVALID_HEADER_TOKEN), as RFC 9112 allows.',
  },
  {
    folders: AWS_C_AUTH,
    case: 'get-space-normalized',
    scope: 'socket',
    expect: 'node-refuses',
    reason:
      'Raw space in the request line (`GET /example space/ HTTP/1.1`) is not ' +
      'HTTP; a client sends %20, and then the signature covers %2520.',
  },
  {
    folders: AWS_C_AUTH,
    case: 'get-space-unnormalized',
    scope: 'socket',
    expect: 'node-refuses',
    reason: 'Raw space in the request line, as get-space-normalized.',
  },
  {
    folders: ['aws4_testsuite'],
    case: 'normalize-path/get-space',
    scope: 'socket',
    expect: 'node-refuses',
    reason: 'Raw space in the request line, as get-space-normalized.',
  },
  {
    folders: ALL_WITH_CASE,
    case: 'get-utf8',
    scope: 'socket',
    expect: 'node-refuses',
    reason:
      'Raw UTF-8 bytes in the request path: llhttp refuses them ' +
      '(HPE_INVALID_URL); a client sends %E1%88%B4, and then the signature ' +
      'covers %25E1...',
  },
  {
    folders: ALL_WITH_CASE,
    case: 'get-vanilla-utf8-query',
    scope: 'socket',
    expect: 'node-refuses',
    reason: 'Raw UTF-8 bytes in the query: llhttp refuses them (HPE_INVALID_URL).',
  },
  {
    folders: ['aws4_testsuite'],
    case: 'get-vanilla-with-session-token',
    scope: 'verify',
    expect: 'rejected',
    reason:
      'Known defect of the source (SOURCE.md): the .sreq carries ' +
      "get-vanilla's signature. The .authz signature is checked against .req " +
      "instead (suite test 'aws4_testsuite .req + .authz').",
  },
  {
    folders: AWS_C_AUTH,
    case: 'post-sts-header-after',
    variant: 'query',
    scope: 'verify',
    canonical: 'differs',
    expect: 'rejected',
    reason:
      'The presigned URL carries X-Amz-Security-Token but the signer left it ' +
      'out of the canonical query. The verifier canonicalises every query ' +
      'parameter but X-Amz-Signature (AWS rule, and what ' +
      'post-sts-header-before needs), so it cannot match. The header variant ' +
      '(token sent, not signed) is accepted.',
  },
  {
    folders: ['aws-c-auth/v4a'],
    case: 'get-vanilla-query-order-key',
    scope: 'all',
    expect: 'nothing',
    reason: 'Only context.json and request.txt: aws-c-auth does not run it and ships no expected output.',
  },
  {
    folders: ['aws-c-auth/v4a'],
    case: 'get-vanilla-query-order-value',
    scope: 'all',
    expect: 'nothing',
    reason: 'Only context.json and request.txt, as get-vanilla-query-order-key.',
  },
];

export function findSuiteException(
  folder: SuiteFolder,
  name: string,
  variant?: VariantKind,
): SuiteException | undefined {
  return SUITE_EXCEPTIONS.find(
    (entry) =>
      entry.folders.includes(folder) &&
      entry.case === name &&
      (entry.variant === undefined || variant === undefined || entry.variant === variant),
  );
}
