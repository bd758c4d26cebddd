import { defineScenario } from '../harness';

// The role's identity policy allows Invoke, its permissions boundary does not.
export default defineScenario({
  description: 'A role under a permissions boundary without Invoke is refused by the boundary',
  world: 'guardrails',
  service: 'orders',
  calls: [{ caller: 'workload-bounded', expect: { deny: 'boundary', explicit: false } }],
});
