import { defineScenario } from '../harness';

// One service, two networks, two guardrails: in-org principals come through `internal`, partners
// through `partners` when their session carries the tag partner=true.
export default defineScenario({
  world: 'marketplace',
  description: 'catalog is shared by the internal and the partners network, each with its own guardrail',
  service: 'catalog',
  request: { method: 'GET', path: '/items' },
  calls: [
    { caller: 'frontend', expect: { allow: { status: 200, body: '{"items":3}' } } },
    { caller: 'ops', expect: { allow: { status: 200 } } },
    { caller: 'partner-tagged', expect: { allow: { status: 200 } } },
    { caller: 'partner-untagged', expect: { deny: 'network', explicit: false } },
    { caller: 'anonymous-in-shop', expect: { deny: 'network' } },
  ],
});
