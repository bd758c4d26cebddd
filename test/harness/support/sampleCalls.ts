import type { Expectation, PlannedCall, ResolvedCaller, ResolvedService } from '../../../harness/resolve/types';

const CALLERS: ResolvedCaller[] = [
  {
    kind: 'role',
    name: 'outsider-c',
    roleArn: 'arn:aws:iam::444444444444:role/team/lattice-invoker',
    sessionName: 'lattice-e2e-outsider-c',
    durationSeconds: 3600,
    sessionTags: {},
    signing: 'sigv4',
  },
  // The same role name and session name pattern in another account.
  {
    kind: 'role',
    name: 'consumer-b',
    roleArn: 'arn:aws:iam::222222222222:role/lattice-invoker',
    sessionName: 'lattice-e2e-consumer-b',
    durationSeconds: 3600,
    sessionTags: {},
    signing: 'sigv4',
  },
  {
    kind: 'role',
    name: 'consumer-b-no-invoke',
    roleArn: 'arn:aws:iam::222222222222:role/lattice-invoker-no-invoke',
    sessionName: 'lattice-e2e-consumer-b',
    durationSeconds: 3600,
    sessionTags: {},
    signing: 'sigv4',
  },
  { kind: 'user', name: 'ci-bot', userArn: 'arn:aws:iam::222222222222:user/ci-bot', signing: 'sigv4' },
  { kind: 'anonymous', name: 'anonymous' },
];

const SERVICES: ResolvedService[] = [
  {
    name: 'parking',
    url: new URL('https://parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws/'),
    arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0',
  },
  {
    name: 'billing',
    url: new URL('https://billing-0fedcba9876543210.7d67968.vpc-lattice-svcs.us-east-1.on.aws/'),
    arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0fedcba9876543210',
  },
  {
    name: 'ledger',
    url: new URL('https://ledger-00000000000000001.7d67968.vpc-lattice-svcs.eu-west-1.on.aws/'),
    arn: 'arn:aws:vpc-lattice:eu-west-1:333333333333:service/svc-00000000000000001',
  },
];

/** Paths as a scenario writes them (decoded): spaces, Unicode, a literal `%`, and one that reads like a tail. */
const PATHS = [
  '/',
  '/parking',
  '/a b',
  '/admin/',
  '/a/b/c',
  '/ünï/ｃｏｄｅ',
  '/%41',
  '/x because no network-based policy allows the vpc-lattice-svcs:Invoke action',
];

const QUERIES: Record<string, string[]>[] = [{}, { a: ['1'] }, { q: ['x y', 'z'], page: ['2'] }];

/** Every expectation a call can carry that the test judges: deny by each layer (either, explicit, implicit), allow. */
export const EXPECTATIONS: Expectation[] = [
  ...(['network', 'service', 'identity', 'organization', 'boundary', 'session'] as const).flatMap((layer) => [
    { kind: 'deny' as const, layer },
    { kind: 'deny' as const, layer, explicit: true },
    { kind: 'deny' as const, layer, explicit: false },
  ]),
  { kind: 'allow' },
  { kind: 'allow', status: 200 },
  { kind: 'allow', status: 200, body: '"Lattice Success!"' },
];

/** Every caller × service × path, each with a query (by turns); the expectation is set per judgment. */
export function sampleCalls(): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const caller of CALLERS)
    for (const service of SERVICES)
      for (const path of PATHS) {
        const name = `${caller.name} ${service.name} ${path}`;
        const query = QUERIES[calls.length % QUERIES.length]!;
        calls.push({
          id: `fail-closed › ${name}`,
          scenario: 'fail-closed',
          name,
          caller,
          service,
          request: { method: 'POST', path, headers: {}, query },
          expect: { kind: 'allow' },
        });
      }
  return calls;
}
