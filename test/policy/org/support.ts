import { getFullAwsAccess, parsePolicy, type EvalRequest, type OrgLevel, type Policy } from '../../../policy';

export const ROOT = 'r-ab12';
export const OU = 'ou-ab12-11111111';
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/examplerole`;
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/examplerole/examplerolesessionname`;
export const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/exampleuser`;

type Statement = Record<string, unknown>;

/** An identity-style policy (also SCPs, boundaries, session policies): no Principal. */
export const identity = (...statements: Statement[]): Policy =>
  parsePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'identity' });

/** A resource-based policy (Principal required). */
export const resourcePolicy = (...statements: Statement[]): Policy =>
  parsePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'resource' });

export const allow = (action: string | string[], resource: string | string[] = '*'): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});
export const deny = (action: string | string[], resource: string | string[] = '*'): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
});

/** Root, one OU, the account: FullAWSAccess at each level unless replaced, plus `extra` per level. */
export function levels(
  extra: { root?: Policy[]; ou?: Policy[]; account?: Policy[] } = {},
  replace: { root?: boolean; ou?: boolean; account?: boolean } = {},
): OrgLevel[] {
  const at = (id: string, policies: Policy[] | undefined, replaced: boolean | undefined): OrgLevel => ({
    id,
    policies: [...(replaced ? [] : [getFullAwsAccess()]), ...(policies ?? [])],
  });
  return [
    at(ROOT, extra.root, replace.root),
    at(OU, extra.ou, replace.ou),
    at(ACCOUNT, extra.account, replace.account),
  ];
}

/** A role session (or an IAM user with `user: true`) of ACCOUNT calling `action` on `resource`. */
export function requestOf(
  action: string,
  resource: string,
  options: { user?: boolean; account?: string } = {},
): EvalRequest {
  const account = options.account ?? ACCOUNT;
  const principal = options.user
    ? { kind: 'aws' as const, arn: USER_ARN.replace(ACCOUNT, account), account }
    : {
        kind: 'aws' as const,
        arn: SESSION_ARN.replace(ACCOUNT, account),
        account,
        roleArn: ROLE_ARN.replace(ACCOUNT, account),
      };
  const context = {
    'aws:PrincipalArn': options.user ? principal.arn : ROLE_ARN.replace(ACCOUNT, account),
    'aws:PrincipalAccount': account,
    'aws:PrincipalOrgID': 'o-exampleorgid',
  };
  return { principal, action, resource, context };
}
