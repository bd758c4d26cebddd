import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOBAL_CONDITION_KEYS } from '../../policy';
import { renderGlobalKeyTable } from './renderGlobalKeyTable';

/**
 * The keys of the summary table at the top of the IAM User Guide page "AWS global condition
 * context keys" (reference_policies_condition-keys), column by column, as the page lists them.
 */
const PAGE_KEYS = {
  principal: [
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalOrgID',
    'aws:PrincipalTag/<tag-key>',
    'aws:PrincipalIsAWSService',
    'aws:PrincipalServiceName',
    'aws:PrincipalServiceNamesList',
    'aws:PrincipalType',
    'aws:userid',
    'aws:username',
  ],
  roleSession: [
    'aws:AssumedRoot',
    'aws:FederatedProvider',
    'aws:TokenIssueTime',
    'aws:SignInSessionArn',
    'aws:MultiFactorAuthAge',
    'aws:MultiFactorAuthPresent',
    'aws:ChatbotSourceArn',
    'aws:Ec2InstanceSourceVpc',
    'aws:Ec2InstanceSourcePrivateIPv4',
    'aws:SourceIdentity',
    'ec2:RoleDelivery',
    'ec2:SourceInstanceArn',
    'glue:RoleAssumedBy',
    'glue:CredentialIssuingService',
    'codebuild:BuildArn',
    'codebuild:ProjectArn',
    'lambda:SourceFunctionArn',
    'ssm:SourceInstanceArn',
    'identitystore:UserId',
  ],
  network: [
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpcArn',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:VpceOrgPaths',
    'aws:VpcSourceIp',
  ],
  resource: ['aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths', 'aws:ResourceTag/<tag-key>'],
  request: [
    'aws:CalledVia',
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'aws:CalledViaAWSMCP',
    'aws:ViaAWSService',
    'aws:ViaAWSMCPService',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:referer',
    'aws:RequestedRegion',
    'aws:RequestTag/<tag-key>',
    'aws:TagKeys',
    'aws:SecureTransport',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:UserAgent',
    'aws:IsMcpServiceAction',
  ],
};

const IAM_GUIDE =
  /^https:\/\/docs\.aws\.amazon\.com\/IAM\/latest\/UserGuide\/reference_policies_(condition-keys|variables)\.html#/;

describe('the one table of global condition keys', () => {
  it('has one row for every key of the IAM page, and no other', () => {
    const rows = GLOBAL_CONDITION_KEYS.map((r) => r.key);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(Object.values(PAGE_KEYS).flat().sort());
  });

  it('cites the page (or the principal key values table) for every row', () => {
    for (const row of GLOBAL_CONDITION_KEYS) {
      expect(row.source, row.key).toMatch(IAM_GUIDE);
    }
  });

  it('is what docs/request-context.md shows, verbatim', () => {
    const doc = readFileSync(new URL('../../docs/request-context.md', import.meta.url), 'utf8');
    expect(doc).toContain(renderGlobalKeyTable());
  });
});
