import { defineScenario } from '../harness';

// catalog answers on HTTPS (443), on plain HTTP on port 8080 and on its custom domain name; its
// service policy refuses writes in clear text.
export default defineScenario({
  world: 'marketplace',
  description: 'catalog on each listener and on its custom domain; no POST over plain HTTP',
  service: 'catalog',
  request: { method: 'GET', path: '/items' },
  calls: [
    {
      caller: 'frontend',
      name: 'GET over HTTP:8080',
      listener: { protocol: 'HTTP', port: 8080 },
      expect: { allow: true },
    },
    {
      caller: 'frontend',
      name: 'POST over HTTP:8080',
      listener: { protocol: 'HTTP', port: 8080 },
      request: { method: 'POST' },
      expect: { deny: 'service', explicit: true },
    },
    { caller: 'frontend', name: 'POST over HTTPS', request: { method: 'POST' }, expect: { allow: true } },
    {
      caller: 'frontend',
      name: 'GET on the custom domain',
      customDomain: true,
      expect: { allow: { body: '{"items":3}' } },
    },
  ],
});
