import { buildGlobalContext, type InvokeCaller, type RequestContext } from '../policy';

/** What every request carries about itself, whoever sends it. */
export interface RequestFacts {
  sourceIp: string;
  secure: boolean;
  now: Date;
  region: string;
  /** The User-Agent header (aws:UserAgent); undefined: not known, the key is left out. */
  userAgent?: string;
}

/** The role an AssumeRole asks for, as the resource of the request. */
export interface AssumedRoleFacts {
  account: string;
  /** The organization of the role's account (aws:ResourceOrgID, aws:ResourceOrgPaths). */
  orgId?: string;
  orgPaths?: string[];
  /** The role's tags (aws:ResourceTag/<key>). */
  tags?: Record<string, string>;
}

/** An STS AssumeRole: who signs it, the role it asks for, the session tags it passes. */
export interface AssumeRoleContextInput {
  caller: InvokeCaller;
  role: AssumedRoleFacts;
  request: RequestFacts;
  sessionTags: Record<string, string>;
}

/**
 * The global condition keys of the request itself (not of its principal or resource):
 * aws:SourceIp, aws:SecureTransport, aws:CurrentTime, aws:EpochTime, aws:RequestedRegion,
 * aws:ViaAWSService, and aws:UserAgent when known. Built from the one table (`buildGlobalContext`).
 */
export function requestContext(facts: RequestFacts): RequestContext {
  return buildGlobalContext('assume-role', { caller: undefined, resource: undefined, request: requestOf(facts) });
}

/**
 * Every global condition key of an STS AssumeRole, as the IAM User Guide says for it (table in
 * docs/request-context.md): the caller's keys (aws:PrincipalIsAWSService, aws:TokenIssueTime and
 * aws:MultiFactorAuthPresent for a role session...), the role's (aws:ResourceAccount, tags), the
 * request's, and the session tags (aws:RequestTag/<key>, aws:TagKeys).
 */
export function assumeRoleContext(input: AssumeRoleContextInput): RequestContext {
  return buildGlobalContext('assume-role', {
    caller: input.caller,
    resource: input.role,
    request: { ...requestOf(input.request), tags: input.sessionTags },
  });
}

function requestOf(facts: RequestFacts) {
  return {
    time: facts.now,
    sourceIp: facts.sourceIp,
    secureTransport: facts.secure,
    region: facts.region,
    ...(facts.userAgent !== undefined && { userAgent: facts.userAgent }),
  };
}
