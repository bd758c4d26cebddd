import { defineScenario } from '../harness';

// The guardrail's positive half: a caller from an account inside the organization gets through.
export default defineScenario({
  description: 'An in-org caller (account B) invokes the parking service through the guarded service network',
  service: 'parking',
  request: { method: 'POST', path: '/' },
  calls: [{ caller: 'consumer-b', expect: { allow: { status: 200, body: '"Lattice Success!"' } } }],
});
