import { ControlPlaneError } from './restJson';

/** The JSON object of a request body (an empty body is `{}`), or a ValidationException (cannotParse). */
export function readJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ControlPlaneError.validation('Could not parse the request body: it is not valid JSON', 'cannotParse');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ControlPlaneError.validation('Could not parse the request body: it must be a JSON object', 'cannotParse');
  }
  return value as Record<string, unknown>;
}

/** A required string member, or the ValidationException AWS's model checks give. */
export function requiredString(body: Record<string, unknown>, member: string): string {
  const value = body[member];
  if (value === undefined || value === null) {
    const message =
      `1 validation error detected: Value null at '${member}' failed to ` +
      `satisfy constraint: Member must not be null`;
    throw ControlPlaneError.validation(message, 'fieldValidationFailed', [
      { name: member, message: 'Member must not be null' },
    ]);
  }
  if (typeof value !== 'string')
    throw ControlPlaneError.validation(`Could not parse the request body: '${member}' must be a string`, 'cannotParse');
  return value;
}

/** An optional member that must be one of `allowed`. */
export function optionalEnum<T extends string>(
  body: Record<string, unknown>,
  member: string,
  allowed: readonly T[],
): T | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw ControlPlaneError.validation(`Could not parse the request body: '${member}' must be a string`, 'cannotParse');
  if (!allowed.includes(value as T)) {
    const shown = value.length > 128 ? `${value.slice(0, 128)}...` : value;
    const constraint = `Member must satisfy enum value set: [${allowed.join(', ')}]`;
    throw ControlPlaneError.validation(
      `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${constraint}`,
      'fieldValidationFailed',
      [{ name: member, message: constraint }],
    );
  }
  return value as T;
}
