import type { Credential } from './parseCredential';
import { rejections } from './rejections';
import type { Rejection } from './types';

export interface ScopeExpectation {
  service: string;
  /** Checked for SigV4 only; SigV4A is checked against its region set. */
  region: string;
  /** The request's signing time, basic format. */
  amzDate: string;
}

const TERMINATOR = 'aws4_request';

/**
 * Every way the credential scope can disagree with the request, reported together as AWS does:
 * region, service, terminator, and the scope date against the day of X-Amz-Date.
 */
export function checkScope(
  credential: Credential,
  { service, region, amzDate }: ScopeExpectation,
): Rejection | undefined {
  const problems: string[] = [];
  if (credential.region !== undefined && credential.region !== region) {
    problems.push(`Credential should be scoped to a valid region, not '${credential.region}'.`);
  }
  if (credential.service !== service) {
    problems.push(`Credential should be scoped to correct service: '${service}'.`);
  }
  if (credential.terminator !== TERMINATOR) {
    problems.push(
      `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${credential.terminator}'.`,
    );
  }
  const day = amzDate.slice(0, 8);
  if (credential.date !== day) {
    problems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version ` +
        `of date from HTTP: '${credential.date}' != '${day}', from ` +
        `'${amzDate}'.`,
    );
  }
  return problems.length > 0 ? rejections.badScope(problems) : undefined;
}
