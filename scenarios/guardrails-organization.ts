import { defineScenario } from '../harness';

// The root's SCP denies vpc-lattice-svcs:Invoke to principals outside the workloads OU.
export default defineScenario({
  description: 'A sandbox-OU caller is refused by the SCP at the root',
  world: 'guardrails',
  service: 'orders',
  calls: [{ caller: 'sandbox', expect: { deny: 'organization', explicit: true } }],
});
