import { defineScenario } from '../harness';

// The session was narrowed on AssumeRole to s3:GetObject: Invoke is outside it.
export default defineScenario({
  description: 'A session narrowed by its session policy is refused by the session policy',
  world: 'guardrails',
  service: 'orders',
  calls: [{ caller: 'workload-scoped-down', expect: { deny: 'session', explicit: false } }],
});
