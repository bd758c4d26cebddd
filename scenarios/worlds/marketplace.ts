import { defineWorld } from '../../world';

// A second example: what the demo does not show. Two service networks with different guardrails
// share the `catalog` service; catalog has an HTTPS and a plain-HTTP listener on a custom port and a
// custom domain name; `orders` has auth type AWS_IAM and no auth policy (it refuses everyone); the
// `public` network has auth type NONE and its VPC's callers are anonymous; partners get in by a
// session tag (aws:PrincipalTag); an IAM user calls with its own keys.
export default defineWorld({
  region: 'eu-west-1',
  organization: {
    id: 'o-m4rk3tpl4c',
    managementAccount: 'platform',
    ous: { workloads: {} },
  },
  accounts: {
    platform: { id: '500000000001', ou: 'workloads' },
    shop: { id: '500000000002', ou: 'workloads' },
    ci: { id: '500000000003', ou: 'workloads' },
    partner: { id: '600000000001', inOrganization: false },
  },
  vpcs: {
    'shop-vpc': { account: 'shop' },
    'partner-vpc': { account: 'partner' },
    'kiosk-vpc': { account: 'shop' },
    'ci-vpc': { account: 'ci' },
  },
  users: {
    runner: { account: 'ci', name: 'marketplace-runner', identityPolicies: ['marketplace/runner-assume.json'] },
    // A person on the platform team, calling with their own long-term keys.
    ops: { account: 'shop', name: 'ops-alice', identityPolicies: ['marketplace/identity-invoke.json'] },
  },
  roles: {
    frontend: {
      account: 'shop',
      name: 'shop-frontend',
      trustPolicy: 'marketplace/trust-ci.json',
      identityPolicies: ['marketplace/identity-invoke.json'],
    },
    partner: {
      account: 'partner',
      name: 'partner-integration',
      trustPolicy: 'marketplace/trust-ci.json',
      identityPolicies: ['marketplace/identity-invoke.json'],
    },
  },
  serviceNetworks: {
    // In-org principals only.
    internal: {
      account: 'platform',
      authType: 'AWS_IAM',
      authPolicy: 'marketplace/network-internal.json',
      vpcs: ['shop-vpc', 'ci-vpc'],
      services: ['catalog', 'orders'],
    },
    // Partners' sessions tagged partner=true only.
    partners: {
      account: 'platform',
      authType: 'AWS_IAM',
      authPolicy: 'marketplace/network-partners.json',
      vpcs: ['partner-vpc'],
      services: ['catalog'],
    },
    // No auth on the network: each service decides.
    public: { account: 'platform', authType: 'NONE', vpcs: ['kiosk-vpc'], services: ['status'] },
  },
  services: {
    catalog: {
      account: 'platform',
      authType: 'AWS_IAM',
      authPolicy: 'marketplace/service-catalog.json',
      tags: { data: 'public' },
      listeners: [{ protocol: 'HTTPS' }, { protocol: 'HTTP', port: 8080 }],
      customDomainName: 'catalog.marketplace.example',
      target: { fixed: { body: '{"items":3}' } },
    },
    // AWS_IAM with no auth policy attached: every request is refused.
    orders: {
      account: 'platform',
      authType: 'AWS_IAM',
      listeners: [{ protocol: 'HTTPS', port: 8443 }],
      target: { fixed: { body: '{"orders":[]}' } },
    },
    status: { account: 'platform', authType: 'NONE', target: { fixed: { body: 'ok' } } },
  },
  callers: {
    frontend: { role: 'frontend', vpc: 'shop-vpc' },
    'partner-tagged': { role: 'partner', vpc: 'partner-vpc', sessionTags: { partner: 'true' } },
    'partner-untagged': { role: 'partner', vpc: 'partner-vpc', sessionName: 'partner-untagged' },
    ops: { user: 'ops', vpc: 'shop-vpc' },
    kiosk: { anonymous: true, vpc: 'kiosk-vpc' },
    'anonymous-in-shop': { anonymous: true, vpc: 'shop-vpc' },
  },
  runner: { user: 'runner', vpc: 'ci-vpc' },
});
