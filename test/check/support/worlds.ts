import { seedWorld, SEED } from '../../../world';
import type { WorldSpec } from '../../../world';

/** Worlds built from the seed world with one change each, so every layer refuses somewhere. */

export const PARKING_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
export const ECHO_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0eeeeeeeeeeeeeee0';
const { owner, consumerB, outsiderC } = SEED.accounts;

const edit = (change: (spec: WorldSpec) => void): WorldSpec => {
  const spec = seedWorld();
  change(spec);
  return spec;
};
const parking = (spec: WorldSpec) => spec.services.find((s) => s.name === 'parking')!;
const echo = (spec: WorldSpec) => spec.services.find((s) => s.name === 'echo')!;
const guarded = (spec: WorldSpec) => spec.serviceNetworks.find((n) => n.name === 'guarded-network')!;

const consumers = { AWS: [consumerB, outsiderC] };

export const WORLDS: Record<string, () => WorldSpec> = {
  seed: seedWorld,

  /** The service denies /admin* to everyone, explicitly. */
  'service explicit deny on /admin*': () =>
    edit((spec) => {
      parking(spec).policy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ConsumersMayInvoke',
            Effect: 'Allow',
            Principal: consumers,
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: `${PARKING_ARN}/*`,
          },
          {
            Sid: 'NoAdmin',
            Effect: 'Deny',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: `${PARKING_ARN}/admin*`,
          },
        ],
      };
    }),

  /** The service allows only requests with the right header, query, method, VPC, tags and transport. */
  'service conditions on the request (network NONE)': () =>
    edit((spec) => {
      guarded(spec).authType = 'NONE';
      parking(spec).policy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'BlueTeamFastMode',
            Effect: 'Allow',
            Principal: consumers,
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: `${PARKING_ARN}/*`,
            Condition: {
              StringEquals: {
                'vpc-lattice-svcs:RequestHeader/x-team': 'blue',
                'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'],
                'vpc-lattice-svcs:SourceVpcOwnerAccount': [consumerB, outsiderC],
                'vpc-lattice-svcs:ServiceArn': PARKING_ARN,
                'aws:ResourceTag/tier': 'gold',
                'aws:PrincipalType': 'AssumedRole',
                'vpc-lattice-svcs:RequestHeader/x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
              },
              'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/mode': 'fast' },
              StringLike: {
                'vpc-lattice-svcs:RequestPath': '/admin/*',
                'aws:userid': 'AROA*:lattice-e2e-*',
                'aws:PrincipalArn': 'arn:aws:iam::*:role/lattice-*',
              },
              IpAddress: { 'aws:SourceIp': '127.0.0.0/24' },
              Bool: { 'aws:SecureTransport': 'true' },
              NumericEquals: { 'vpc-lattice-svcs:Port': '443' },
              Null: { 'vpc-lattice-svcs:RequestHeader/authorization': 'false' },
            },
          },
          {
            Sid: 'TeamTagDecides',
            Effect: 'Deny',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalTag/team': 'outsider-c' },
              'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/x': '1' },
            },
          },
        ],
      };
    }),

  /** The network refuses one VPC explicitly; the org condition is on aws:PrincipalOrgPaths instead. */
  'network explicit deny by source VPC': () =>
    edit((spec) => {
      guarded(spec).policy = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
          {
            Sid: 'NotFromVpcC',
            Effect: 'Deny',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: '*',
            Condition: { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0c0c0c0c0c0c0c0c0' } },
          },
          {
            Sid: 'OrgPathsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: `${ECHO_ARN}/*`,
            Condition: {
              'ForAllValues:StringNotLike': {
                'aws:PrincipalOrgPaths': `${SEED.organizationId}/r-ab12/ou-ab12-22222222/*`,
              },
            },
          },
        ],
      };
    }),

  /** The network is NONE: only the service (and the caller's identity) decide; echo is open to all. */
  'network NONE': () =>
    edit((spec) => {
      guarded(spec).authType = 'NONE';
    }),

  /** The service is AWS_IAM with no policy: it refuses everyone. */
  'service AWS_IAM without a policy': () =>
    edit((spec) => {
      delete parking(spec).policy;
      echo(spec).authType = 'AWS_IAM';
    }),

  /** The in-org role denies itself /admin*; anonymous callers are allowed on echo. */
  'identity explicit deny and anonymous allowed': () =>
    edit((spec) => {
      const invokerB = spec.roles.find((r) => r.account === consumerB && r.name === 'lattice-invoker')!;
      invokerB.identityPolicies = [
        ...invokerB.identityPolicies,
        {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'NoAdmin',
              Effect: 'Deny',
              Action: 'vpc-lattice-svcs:*',
              Resource: 'arn:aws:vpc-lattice:*:*:service/*/admin*',
            },
          ],
        },
      ];
      guarded(spec).policy = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
      };
      echo(spec).authType = 'AWS_IAM';
      echo(spec).policy = {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'vpc-lattice-svcs:Invoke', Resource: `${ECHO_ARN}/*` },
        ],
      };
    }),

  /** aws:SourceOrgID is the source VPC owner's organization, and account C's VPC belongs to account B. */
  'source-vpc-owner, outsider in an in-org VPC': () =>
    edit((spec) => {
      spec.sourceOrgIdMode = 'source-vpc-owner';
      spec.vpcs.find((v) => v.id === 'vpc-0c0c0c0c0c0c0c0c0')!.account = consumerB;
    }),

  /** aws:SourceOrgID is never set: the guardrail refuses everyone. */
  'absent SourceOrgID': () =>
    edit((spec) => {
      spec.sourceOrgIdMode = 'absent';
    }),

  /** The outsider's role wants another external ID; the in-org role may be assumed from account A only. */
  'trust policies refuse': () =>
    edit((spec) => {
      const trust = (externalId?: string, account: string = SEED.accounts.tooling) => ({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: 'sts:AssumeRole',
            ...(externalId && { Condition: { StringEquals: { 'sts:ExternalId': externalId } } }),
          },
        ],
      });
      spec.roles.find((r) => r.account === outsiderC)!.trustPolicy = trust('another-external-id');
      spec.roles.find((r) => r.account === consumerB && r.name === 'lattice-no-invoke')!.trustPolicy = trust(
        undefined,
        owner,
      );
    }),
};
