/**
 * Errors the library throws. A `UserError` is a mistake in input or configuration (exit 2, message
 * and usage); anything else reaching the CLI is a bug (exit 2 with its stack).
 */
export class UserError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

/** A scenario or environment file that cannot be loaded or does not validate: names the file and the field. */
export class ConfigFileError extends UserError {
  constructor(readonly file: string, readonly field: string | undefined, detail: string) {
    super('CONFIG_INVALID', field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
  }
}

export class UnknownScenarioError extends UserError {
  constructor(name: string, readonly available: string[]) {
    super('SCENARIO_UNKNOWN', `unknown scenario "${name}". Available: ${available.join(', ') || '(none)'}`);
  }
}

export class UnknownEnvironmentError extends UserError {
  constructor(name: string, readonly available: string[]) {
    super('ENVIRONMENT_UNKNOWN', `unknown environment "${name}". Available: ${available.join(', ')}`);
  }
}

/** Environment variables an environment file needs but the process does not have. */
export class MissingEnvVarsError extends UserError {
  constructor(readonly file: string, readonly names: string[]) {
    super('ENV_MISSING', `${file}: missing environment variable${names.length > 1 ? 's' : ''}: ${names.join(', ')}`);
  }
}
