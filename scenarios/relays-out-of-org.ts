import { defineScenario } from '../harness';

// The guardrail's negative half through a relay: the out-of-org caller, from its own account's VPC.
export default defineScenario({
  world: 'relays',
  description: "An out-of-org caller (account C) calling from C's VPC through C's relay is refused by the network",
  service: 'parking',
  request: { method: 'POST', path: '/' },
  calls: [{ caller: 'outsider-c', expect: { deny: 'network' } }],
});
