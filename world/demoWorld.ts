import demo from '../scenarios/worlds/demo';
import { resolveWorld } from './resolveWorld';
import type { WorldSpec } from './types';

import { DEMO_WORLD_FILE } from './demoFile';

export { DEMO_WORLD_FILE };

/** Facts of the demo world that tests and examples refer to. */
export const SEED = {
  region: 'us-east-1',
  organizationId: 'o-a1b2c3d4e5',
  accounts: { owner: '111111111111', consumerB: '222222222222', tooling: '333333333333', outsiderC: '444444444444' },
  externalIdC: 'lattice-e2e-outsider',
  /** The `sub` the CI role trusts: a GitHub Actions job of the main branch, as the local issuer mints it. */
  ciSubject: 'repo:lattice-e2e/lattice-e2e:ref:refs/heads/main',
} as const;

/** The demo world (scenarios/worlds/demo.ts), resolved anew on each call (callers may change their copy). */
export function seedWorld(): WorldSpec {
  return resolveWorld(demo, DEMO_WORLD_FILE);
}
