import { describe, expect, it } from 'vitest';
import { authorizeInvoke, buildInvokeContext } from '../../policy';
import { ISSUED, ORG, denyWhen, iamUser, invokeInput, roleSession } from './invokeFixture';

/**
 * The global keys of a Lattice Invoke against the IAM User Guide, "AWS global condition context
 * keys" (reference_policies_condition-keys): each case quotes the key's Availability line.
 */
const contextOf = (setup: Parameters<typeof invokeInput>[0] = {}) => buildInvokeContext(invokeInput(setup));

describe('Invoke by a role session (temporary credentials)', () => {
  const service = { tags: { Environment: 'Gamma' }, ownerOrgId: ORG, ownerOrgPaths: [`${ORG}/r-ab12/`] };
  const context = contextOf({ service });

  it('carries the keys "present in the request context for all signed API requests"', () => {
    expect(context).toMatchObject({
      'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/rates-client', // "returns the ARN of the role"
      'aws:PrincipalAccount': '222222222222',
      'aws:PrincipalType': 'AssumedRole',
      'aws:userid': 'AROAEXAMPLEID:session-1',
      'aws:PrincipalIsAWSService': 'false', // set to true only "when a service uses a service principal"
      'aws:PrincipalOrgID': ORG,
      'aws:PrincipalOrgPaths': [`${ORG}/r-ab12/ou-ab12-11111111/`],
      'aws:PrincipalTag/team': 'payments',
    });
    // aws:username: "requests that are made using ... IAM roles do not include this key".
    expect(context['aws:username']).toBeUndefined();
  });

  it('carries the role-session keys of temporary credentials', () => {
    // aws:TokenIssueTime: "included ... only when the principal uses temporary credentials".
    expect(context['aws:TokenIssueTime']).toBe('2025-06-01T11:00:00Z');
    // aws:MultiFactorAuthPresent: "included ... only when the principal uses temporary credentials"; no MFA was used.
    expect(context['aws:MultiFactorAuthPresent']).toBe('false');
    expect(context['aws:MultiFactorAuthAge']).toBeUndefined();
  });

  it('carries the keys "always included in the request context"', () => {
    expect(context).toMatchObject({
      'aws:CurrentTime': '2025-06-01T12:00:00Z',
      'aws:EpochTime': '1748779200',
      'aws:SecureTransport': 'true',
      'aws:ViaAWSService': 'false', // "returns false when the principal makes the call directly"
      'aws:RequestedRegion': 'us-west-2', // the region of the service called
      'aws:UserAgent': 'aws-sdk-js/3',
      'aws:SourceIp': '10.0.1.23', // "included ..., except when the requester uses a VPC endpoint"
      'aws:ResourceAccount': '123456789012', // "always included in the request context for most service actions"
      'aws:ResourceOrgID': ORG,
      'aws:ResourceOrgPaths': [`${ORG}/r-ab12/`],
      'aws:ResourceTag/Environment': 'Gamma',
    });
  });

  it('leaves out the keys of service principals, forward access sessions and VPC endpoints', () => {
    for (const key of [
      // "not present when the principal makes the call directly"
      'aws:CalledVia',
      'aws:CalledViaFirst',
      'aws:CalledViaLast',
      // "present ... when the call is made by an AWS service principal"
      'aws:PrincipalServiceName',
      'aws:PrincipalServiceNamesList',
      // "only when the call to your resource is being made directly by an AWS service principal"
      'aws:SourceAccount',
      'aws:SourceArn',
      'aws:SourceOrgPaths',
      'aws:SourceVpc',
      'aws:SourceVpce',
      'aws:VpcSourceIp', // "only if the requester uses a VPC endpoint"
      'aws:SourceVpcArn',
      'aws:VpceAccount',
      'aws:VpceOrgID',
      'aws:VpceOrgPaths',
      'aws:RequestTag/Environment',
      'aws:TagKeys',
      'aws:referer',
      'aws:FederatedProvider',
      'aws:AssumedRoot',
    ]) {
      expect(context[key], key).toBeUndefined();
    }
  });
});

describe('Invoke by an IAM user (long-term keys)', () => {
  const context = contextOf({ caller: iamUser() });

  it('has aws:username and no role-session key', () => {
    expect(context['aws:username']).toBe('alice'); // "always included in the request context for IAM users"
    expect(context['aws:PrincipalType']).toBe('User');
    expect(context['aws:PrincipalIsAWSService']).toBe('false');
    // "The key is not present in AWS CLI, AWS API, or AWS SDK requests that are made using access keys."
    expect(context['aws:TokenIssueTime']).toBeUndefined();
    expect(context['aws:MultiFactorAuthPresent']).toBeUndefined();
  });
});

describe('anonymous Invoke', () => {
  const context = contextOf({ caller: { kind: 'anonymous' }, request: { headers: {}, region: 'us-west-2' } });

  it('carries the keys included "for all requests, including anonymous requests"', () => {
    expect(context).toMatchObject({
      'aws:PrincipalAccount': 'anonymous',
      'aws:PrincipalType': 'Anonymous',
      'aws:userid': 'anonymous',
    });
    expect(context['aws:UserAgent']).toBe(''); // "always included", and the request sent none
  });

  it('does not carry the keys "Anonymous requests do not include"', () => {
    const keys = ['aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/team'];
    for (const key of [...keys, 'aws:PrincipalIsAWSService']) {
      expect(context[key], key).toBeUndefined();
    }
  });
});

describe('guardrails that a missing key would let through', () => {
  it('the aws:ViaAWSService Deny of the IAM page (aws:SourceVpc example) applies to a direct call', () => {
    // "Deny PutObject ... unless the request is made from the specified VPC ID or by AWS services that use FAS".
    const policy = denyWhen({
      StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-1234567890abcdef0' },
      Bool: { 'aws:ViaAWSService': 'false' },
    });
    const result = authorizeInvoke(invokeInput({ networkPolicy: policy }));
    expect(result).toMatchObject({ allowed: false, layer: 'network', explicit: true });
  });

  it('a Deny on "aws:PrincipalIsAWSService": "false" applies to every principal of the world', () => {
    const policy = denyWhen({
      StringNotEquals: { 'aws:PrincipalOrgID': 'o-otherorg12' },
      Bool: { 'aws:PrincipalIsAWSService': 'false' },
    });
    expect(authorizeInvoke(invokeInput({ networkPolicy: policy }))).toMatchObject({ allowed: false, explicit: true });
    const user = authorizeInvoke(invokeInput({ networkPolicy: policy, caller: iamUser() }));
    expect(user).toMatchObject({ allowed: false, explicit: true });
  });

  it('revoking sessions issued before a time (Deny DateLessThan aws:TokenIssueTime) refuses the older session', () => {
    const revoke = denyWhen({ DateLessThan: { 'aws:TokenIssueTime': '2025-06-01T11:30:00Z' } });
    expect(authorizeInvoke(invokeInput({ networkPolicy: revoke }))).toMatchObject({ allowed: false, explicit: true });
    const later = roleSession({ tokenIssueTime: new Date(ISSUED.getTime() + 3_600_000) });
    expect(authorizeInvoke(invokeInput({ networkPolicy: revoke, caller: later })).allowed).toBe(true);
  });

  it('the MFA Denies of the IAM page behave as it says for temporary and long-term credentials', () => {
    // NOT RECOMMENDED "Bool false": "does not deny access to requests that are made using long-term credentials".
    const notRecommended = denyWhen({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } });
    expect(authorizeInvoke(invokeInput({ networkPolicy: notRecommended })).allowed).toBe(false);
    expect(authorizeInvoke(invokeInput({ networkPolicy: notRecommended, caller: iamUser() })).allowed).toBe(true);
    // Recommended "BoolIfExists false": "denies requests from temporary credentials that do not include MFA. It also
    // denies requests that are made using long-term credentials".
    const recommended = denyWhen({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
    expect(authorizeInvoke(invokeInput({ networkPolicy: recommended })).allowed).toBe(false);
    expect(authorizeInvoke(invokeInput({ networkPolicy: recommended, caller: iamUser() })).allowed).toBe(false);
  });

  it('a session from AssumeRoleWithWebIdentity names its provider and has no MFA key', () => {
    const provider = 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com';
    const context = contextOf({ caller: roleSession({ federatedProvider: provider }) });
    expect(context['aws:FederatedProvider']).toBe(provider);
    // "This condition key is not present for federated identities".
    expect(context['aws:MultiFactorAuthPresent']).toBeUndefined();
  });
});
