import { UserError } from '../errors';
import type { Writable } from '../reporters/consoleReporter';
import { escapeControls } from '../text/escapeControls';

/**
 * A command's last word on an error, and its exit code (2): a user's mistake prints its message
 * (and the usage, for a usage mistake); anything else is a bug and prints its stack, through
 * `redact` when the error happened while secrets were in use. Control characters are escaped
 * (a message can quote a name or a response).
 */
export function reportCliError(
  error: unknown,
  stderr: Writable,
  usage: string,
  redact: (text: string) => string = (text) => text,
): number {
  if (error instanceof UserError) {
    stderr.write(`error: ${escapeControls(error.message, { multiline: true })}\n`);
    if (error.code === 'USAGE') stderr.write(`\n${usage}\n`);
  } else {
    const stack = redact(String((error as Error)?.stack ?? error));
    stderr.write(`internal error: ${escapeControls(stack, { multiline: true })}\n`);
  }
  return 2;
}
