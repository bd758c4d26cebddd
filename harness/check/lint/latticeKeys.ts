import { GLOBAL_CONDITION_KEYS } from '../../../policy';

/**
 * Condition keys an Invoke request carries (lattice-behaviour.md §4), lower-cased. A key ending
 * in `/` takes a name after it (a header, a query key, a tag).
 */
const LATTICE_KEYS = [
  'vpc-lattice-svcs:Port',
  'vpc-lattice-svcs:RequestMethod',
  'vpc-lattice-svcs:RequestPath',
  'vpc-lattice-svcs:RequestHeader/',
  'vpc-lattice-svcs:RequestQueryString/',
  'vpc-lattice-svcs:ServiceArn',
  'vpc-lattice-svcs:ServiceNetworkArn',
  'vpc-lattice-svcs:SourceVpc',
  'vpc-lattice-svcs:SourceVpcOwnerAccount',
];

/**
 * The global keys an Invoke carries for some caller: the rows of the one table of global keys
 * (docs/request-context.md) whose Invoke column is not "absent". aws:SourceOrgID is among them
 * (a setting of the world) and is linted on its own (source-org-id).
 */
const GLOBAL_KEYS = GLOBAL_CONDITION_KEYS.filter((row) => row.invoke !== 'absent').map((row) =>
  row.key.replace('<tag-key>', ''),
);

/** Every key, as documented (for suggestions). */
export const INVOKE_KEYS: readonly string[] = [...LATTICE_KEYS, ...GLOBAL_KEYS];

/** Whether an Invoke request can carry `key` (compared case-insensitively, as IAM does). */
export function isInvokeKey(key: string): boolean {
  const lower = key.toLowerCase();
  return INVOKE_KEYS.some((k) => {
    const known = k.toLowerCase();
    return known.endsWith('/') ? lower.startsWith(known) && lower.length > known.length : lower === known;
  });
}

/** Keys that exist in IAM but name something else than the Lattice key a policy author usually means. */
const LOOK_ALIKES: Record<string, string> = {
  'aws:sourcevpc': 'vpc-lattice-svcs:SourceVpc',
  'aws:sourcevpce': 'vpc-lattice-svcs:SourceVpc',
  'aws:sourceaccount': 'vpc-lattice-svcs:SourceVpcOwnerAccount',
  'aws:sourcearn': 'vpc-lattice-svcs:ServiceArn',
};

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The key the author probably meant: a Lattice look-alike, a key this one starts or ends, or one a few letters
 * away.
 */
export function suggestInvokeKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (LOOK_ALIKES[lower]) return LOOK_ALIKES[lower];
  const [, name = lower] = /^[^:]*:(.*)$/.exec(lower) ?? [];
  const candidates = INVOKE_KEYS.map((k) => ({ k, lower: k.toLowerCase().replace(/\/$/, '') }));
  const byName = candidates.find((c) => c.lower.endsWith(`:${name}`));
  if (byName) return byName.k;
  // The shortest key this one starts (aws:PrincipalOrg: aws:PrincipalOrgID before aws:PrincipalOrgPaths).
  const byPrefix = candidates
    .filter((c) => c.lower.startsWith(lower) || (lower.startsWith(c.lower) && !c.k.endsWith('/')))
    .sort((a, b) => a.lower.length - b.lower.length)[0];
  if (byPrefix) return byPrefix.k;
  const near = candidates.map((c) => ({ ...c, d: distance(lower, c.lower) })).sort((a, b) => a.d - b.d)[0];
  return near && near.d <= 3 ? near.k : undefined;
}
