import type { WorldSpec } from '../../world';
import { localEnvironmentFromSpec } from '../environments/localEnvironment';
import type { ResolvedEnvironment } from '../resolve/types';

/** The built-in `local` environment for a world that is not running: same callers and services, no endpoints. */
export function localCheckEnvironment(spec: WorldSpec): ResolvedEnvironment {
  return localEnvironmentFromSpec(spec);
}
