import { defineScenario } from '../harness';

// The guardrail's positive half through a relay: signed by the runner, sent from B's VPC by B's relay.
export default defineScenario({
  world: 'relays',
  description: "An in-org caller (account B) invokes the parking service from B's VPC through B's relay",
  service: 'parking',
  request: { method: 'POST', path: '/' },
  calls: [{ caller: 'consumer-b', expect: { allow: { status: 200, body: '"Lattice Success!"' } } }],
});
