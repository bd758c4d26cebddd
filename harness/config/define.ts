import type { EnvironmentConfig, ScenarioConfig } from './types';

/** Types a scenario file; returns its argument. */
export function defineScenario(config: ScenarioConfig): ScenarioConfig {
  return config;
}

/** Types an environment file; returns its argument (or the function that builds it from `process.env`). */
export function defineEnvironment(config: EnvironmentConfig | ((env: EnvReader) => EnvironmentConfig)) {
  return config;
}

/** Reads required environment variables, collecting every missing name before failing. */
export interface EnvReader {
  /** The variable's value; a missing one is recorded and reported together with the others. */
  required(name: string): string;
  optional(name: string): string | undefined;
}
