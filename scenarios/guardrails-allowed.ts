import { defineScenario } from '../harness';

// Inside the guardrails: a workloads-OU caller, the same role narrowed to Invoke by a managed session
// policy, and a caller of the management account, which SCPs do not restrict.
export default defineScenario({
  description: 'Callers within the organization guardrails invoke the orders service',
  world: 'guardrails',
  service: 'orders',
  calls: [
    { caller: 'workload', expect: { allow: { status: 200, body: '"orders"' } } },
    { caller: 'workload-scoped-invoke', expect: { allow: { status: 200, body: '"orders"' } } },
    { caller: 'management', expect: { allow: { status: 200, body: '"orders"' } } },
  ],
});
