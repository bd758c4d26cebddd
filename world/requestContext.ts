import type { RequestContext } from '../policy';

/** What every request carries about itself, whoever sends it. */
export interface RequestFacts {
  sourceIp: string;
  secure: boolean;
  now: Date;
  region: string;
}

/**
 * The global condition keys of the request itself (not of its principal): aws:SourceIp,
 * aws:SecureTransport, aws:CurrentTime, aws:EpochTime, aws:RequestedRegion.
 */
export function requestContext(facts: RequestFacts): RequestContext {
  return {
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': String(facts.secure),
    'aws:CurrentTime': facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:RequestedRegion': facts.region,
  };
}
