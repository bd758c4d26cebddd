import { UserError } from '../errors';
import type { Writable } from '../reporters/consoleReporter';

/**
 * A command's last word on an error, and its exit code (2): a user's mistake prints its message
 * (and the usage, for a usage mistake); anything else is a bug and prints its stack.
 */
export function reportCliError(error: unknown, stderr: Writable, usage: string): number {
  if (error instanceof UserError) {
    stderr.write(`error: ${error.message}\n`);
    if (error.code === 'USAGE') stderr.write(`\n${usage}\n`);
  } else {
    stderr.write(`internal error: ${(error as Error)?.stack ?? error}\n`);
  }
  return 2;
}
