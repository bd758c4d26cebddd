import { ConfigFileError, UserError } from '../world/errors';

/** Errors the library throws; user mistakes are `UserError`s (exit 2, message and usage), anything else is a bug. */
export { ConfigFileError, UserError };

export class UnknownScenarioError extends UserError {
  constructor(
    name: string,
    readonly available: string[],
  ) {
    super('SCENARIO_UNKNOWN', `unknown scenario "${name}". Available: ${available.join(', ') || '(none)'}`);
  }
}

export class UnknownEnvironmentError extends UserError {
  constructor(
    name: string,
    readonly available: string[],
  ) {
    super('ENVIRONMENT_UNKNOWN', `unknown environment "${name}". Available: ${available.join(', ')}`);
  }
}

/** Environment variables an environment file needs but the process does not have. */
export class MissingEnvVarsError extends UserError {
  constructor(
    readonly file: string,
    readonly names: string[],
  ) {
    super('ENV_MISSING', `${file}: missing environment variable${names.length > 1 ? 's' : ''}: ${names.join(', ')}`);
  }
}
