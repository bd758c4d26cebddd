import { describe, expect, it } from 'vitest';
import { assumeRoleContext, requestContext, type RequestFacts } from '../../world/requestContext';
import { ORG, iamUser, NOW, roleSession } from './invokeFixture';

/**
 * The global keys of an STS AssumeRole against the IAM User Guide, "AWS global condition context
 * keys": AssumeRole is always signed, by an IAM user (long-term keys) or by a role session (roles
 * chained), on a public STS endpoint.
 */
const request: RequestFacts = {
  sourceIp: '198.51.100.7',
  secure: true,
  now: NOW,
  region: 'us-east-1',
  userAgent: 'aws-cli/2',
};
const role = { account: '111111111111', orgId: ORG, orgPaths: [`${ORG}/r-ab12/`], tags: { tier: 'invoker' } };

describe('AssumeRole', () => {
  it('by a role session carries the principal, role-session, resource and request keys', () => {
    const context = assumeRoleContext({ caller: roleSession(), role, request, sessionTags: { project: 'rates' } });
    expect(context).toMatchObject({
      'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/rates-client',
      'aws:PrincipalIsAWSService': 'false',
      'aws:TokenIssueTime': '2025-06-01T11:00:00Z',
      'aws:MultiFactorAuthPresent': 'false',
      'aws:ResourceAccount': '111111111111',
      'aws:ResourceOrgID': ORG,
      'aws:ResourceTag/tier': 'invoker',
      'aws:RequestTag/project': 'rates', // "included ... when tag key-value pairs are passed in the request"
      'aws:TagKeys': ['project'],
      'aws:ViaAWSService': 'false',
      'aws:RequestedRegion': 'us-east-1',
      'aws:SourceIp': '198.51.100.7',
      'aws:SecureTransport': 'true',
      'aws:UserAgent': 'aws-cli/2',
    });
    expect(context['aws:SourceOrgID']).toBeUndefined(); // only for service principals
    expect(context['aws:referer']).toBeUndefined(); // "not included for programmatic requests"
  });

  it('by an IAM user carries aws:username and no key of temporary credentials', () => {
    const context = assumeRoleContext({ caller: iamUser(), role, request, sessionTags: {} });
    expect(context['aws:username']).toBe('alice');
    expect(context['aws:MultiFactorAuthPresent']).toBeUndefined();
    expect(context['aws:TokenIssueTime']).toBeUndefined();
    expect(context['aws:TagKeys']).toBeUndefined();
  });

  it('requestContext keeps the keys of the request alone', () => {
    expect(requestContext(request)).toEqual({
      'aws:SourceIp': '198.51.100.7',
      'aws:ViaAWSService': 'false',
      'aws:CurrentTime': '2025-06-01T12:00:00Z',
      'aws:EpochTime': '1748779200',
      'aws:RequestedRegion': 'us-east-1',
      'aws:SecureTransport': 'true',
      'aws:UserAgent': 'aws-cli/2',
    });
  });
});
