/**
 * Errors for input a user wrote. A `UserError` is a mistake in input or configuration (the CLIs
 * exit 2 with the message and usage); anything else reaching a CLI is a bug.
 */
export class UserError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

/** A world, scenario or environment file that cannot be loaded or does not validate: names the file and the field. */
export class ConfigFileError extends UserError {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super('CONFIG_INVALID', field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
  }
}
