import { defineScenario } from '../harness';

// Which organization does aws:SourceOrgID name in your service network's policy? AWS does not
// document the key for VPC Lattice. The guardrail (scenarios/worlds/demo/network-org-guardrail.json)
// compares it with the organization ID; an out-of-org role calling from a VPC of the organization
// tells the readings apart:
//   - refused by the network (this scenario passes): the key is the caller's organization,
//     as aws:PrincipalOrgID is ("principal"), or the key is absent and no one gets through
//     (then in-org fails too);
//   - allowed (this scenario fails): the key is the organization of the source VPC's owner
//     ("source-vpc-owner"), and the guardrail does not keep out-of-org principals out of
//     in-org VPCs. Prefer aws:PrincipalOrgID, as AWS's own example does.
// `npm run check -- source-org-id --source-org-id-mode source-vpc-owner` shows the other reading.
export default defineScenario({
  description: 'An out-of-org role calling from a VPC of the organization is refused by the network guardrail',
  service: 'parking',
  request: { method: 'POST', path: '/' },
  calls: [
    { caller: 'consumer-b', expect: { allow: { status: 200, body: '"Lattice Success!"' } } },
    { caller: 'outsider-c-in-org-vpc', expect: { deny: 'network' } },
  ],
});
