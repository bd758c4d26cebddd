import { parsePolicy } from '../parsePolicy';
import type { Policy } from '../types';
import type { OrgSettings } from './types';

/**
 * The services RCPs apply to, by action prefix ("List of AWS services that support RCPs",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html):
 * S3, STS, KMS, SQS and Secrets Manager at launch, then ECR, OpenSearch Serverless, Cognito user
 * pools, CloudWatch Logs and DynamoDB. VPC Lattice is not listed (lattice-behaviour.md §1 [guess]):
 * put `vpc-lattice-svcs` here if a real account shows otherwise.
 */
export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  rcpServices: ['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'logs', 'dynamodb'],
};

/** The AWS managed SCP `FullAWSAccess`, attached to the root, every OU and every account by default. */
export const FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
} as const;

/** The AWS managed RCP `RCPFullAWSAccess`, attached everywhere by default and impossible to detach. */
export const RCP_FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
} as const;

let fullAwsAccess: Policy | undefined;
let rcpFullAwsAccess: Policy | undefined;

/** `FullAWSAccess`, parsed once. */
export function getFullAwsAccess(): Policy {
  return (fullAwsAccess ??= parsePolicy(FULL_AWS_ACCESS_DOCUMENT, { kind: 'identity' }));
}

/** `RCPFullAWSAccess`, parsed once. */
export function getRcpFullAwsAccess(): Policy {
  return (rcpFullAwsAccess ??= parsePolicy(RCP_FULL_AWS_ACCESS_DOCUMENT, { kind: 'resource' }));
}

/** The service prefix of an action (`sts:AssumeRole` → `sts`), lower-cased. */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}
