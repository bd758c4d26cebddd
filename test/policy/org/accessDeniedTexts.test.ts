import { describe, expect, it } from 'vitest';
import { formatDenialTail, formatNotAuthorized } from '../../../policy/accessDeniedTexts';
import { formatAssumeRoleDenied } from '../../../policy';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html,
// "Access denied error message examples": the documented messages, byte for byte.
describe('the documented AccessDenied forms', () => {
  it('"Access denied due to a permissions boundary" (implicit denial)', () => {
    const resource = 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*';
    const text =
      `${formatNotAuthorized('arn:aws:iam::123456789012:user/JohnDoe', 'codedeploy:ListDeployments', resource)} ` +
      `${formatDenialTail('boundary', false, 'codedeploy:ListDeployments')}`;
    expect(text).toBe(
      'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to ' +
        'perform: codedeploy:ListDeployments on resource: ' +
        'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no ' +
        'permissions boundary allows the codedeploy:ListDeployments action',
    );
  });

  it(
    '"Access denied due to a Service Control Policy", "... due to session ' +
      'policies", "... due to a permissions boundary" (explicit)',
    () => {
      expect(formatDenialTail('scp', true, 'codecommit:ListRepositories')).toBe(
        'with an explicit deny in a service control policy',
      );
      expect(formatDenialTail('boundary', true, 'sagemaker:ListModels')).toBe(
        'with an explicit deny in a permissions boundary',
      );
      expect(formatDenialTail('session', false, 'codecommit:ListRepositories')).toBe(
        'because no session policy allows the codecommit:ListRepositories action',
      );
      expect(formatDenialTail('identity', false, 'codecommit:ListRepositories')).toBe(
        'because no identity-based policy allows the codecommit:ListRepositories action',
      );
    },
  );

  it('STS AssumeRole: bare for the trust policy, with the tail of the refusing type otherwise', () => {
    const args = { caller: 'arn:aws:iam::111122223333:user/runner', roleArn: 'arn:aws:iam::444455556666:role/target' };
    const bare =
      'User: arn:aws:iam::111122223333:user/runner is not authorized to ' +
      'perform: sts:AssumeRole on resource: ' +
      'arn:aws:iam::444455556666:role/target';
    expect(formatAssumeRoleDenied(args)).toBe(bare);
    expect(formatAssumeRoleDenied({ ...args, source: 'scp', explicit: true })).toBe(
      `${bare} with an explicit deny in a service control policy`,
    );
    expect(formatAssumeRoleDenied({ ...args, source: 'scp' })).toBe(
      `${bare} because no service control policy allows the sts:AssumeRole action`,
    );
  });
});
