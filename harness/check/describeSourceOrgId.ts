import type { InvokeAuthInput, SourceOrgIdMode } from '../../policy';

/** The three readings of aws:SourceOrgID for an Invoke, which Lattice does not document (lattice-behaviour.md §4). */
export const SOURCE_ORG_ID_MEANINGS: Record<SourceOrgIdMode, string> = {
  principal: "the organization of the calling principal's account (what aws:PrincipalOrgID says)",
  'source-vpc-owner': 'the organization of the account that owns the source VPC',
  absent: 'nothing: Lattice never sets the key',
};

/** Where the request's aws:SourceOrgID came from under the world's setting, in one sentence. */
export function describeSourceOrgId(input: InvokeAuthInput): string {
  const mode = input.sourceOrgIdMode;
  const reading = `sourceOrgIdMode ${mode}: ${SOURCE_ORG_ID_MEANINGS[mode]}`;
  switch (mode) {
    case 'principal': {
      if (input.caller.kind === 'anonymous') return `${reading}; an anonymous caller has none, so the key is absent`;
      const { account, orgId } = input.caller;
      return orgId
        ? `${reading}; account ${account} is in ${orgId}`
        : `${reading}; account ${account} is in no organization, so the key is absent`;
    }
    case 'source-vpc-owner': {
      const { id, ownerAccount, ownerOrgId } = input.sourceVpc;
      return ownerOrgId
        ? `${reading}; ${id} belongs to account ${ownerAccount}, in ${ownerOrgId}`
        : `${reading}; ${id} belongs to account ${ownerAccount}, in no organization, so the key is absent`;
    }
    case 'absent':
      return reading;
  }
}
