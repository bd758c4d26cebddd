import { defineScenario } from '../harness';

// orders has auth type AWS_IAM and no auth policy: Lattice refuses every request at the service.
export default defineScenario({
  world: 'marketplace',
  description: 'AWS_IAM with no auth policy attached refuses everyone',
  service: 'orders',
  request: { method: 'GET', path: '/orders' },
  calls: [
    { caller: 'frontend', expect: { deny: 'service', explicit: false } },
    { caller: 'ops', expect: { deny: 'service', explicit: false } },
  ],
});
