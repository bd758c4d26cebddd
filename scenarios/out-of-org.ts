import { defineScenario } from '../harness';

// The guardrail's negative half: a caller from an account outside the organization is refused by
// the service network's auth policy, even though the service's own policy names its account.
export default defineScenario({
  description: 'An out-of-org caller (account C) is refused by the service network guardrail',
  service: 'parking',
  request: { method: 'POST', path: '/' },
  calls: [{ caller: 'outsider-c', expect: { deny: 'network' } }],
});
