import { findLeakyDebugVariables } from './findLeakyDebugVariables';
import { quietSdkNodeWarning } from './quietSdkNodeWarning';

/**
 * The reader of a pipe went away (`npm run scenario -- --all --dry-run | head -1`): nothing more
 * can be shown, and that is no error of the run. Writes stop quietly (a stream that failed drops
 * what is written to it after) and the command ends with its own exit code. Any other error on
 * standard output is rethrown, as Node would have.
 */
function stopWritingOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    throw error;
  });
}

/**
 * What every command (scripts/*.ts) does first, before anything else runs: refuse debug variables
 * that would print a secret (exit 2, naming them), stop writing quietly when standard output is
 * closed early, and drop the SDK's notice about Node versions.
 */
export function prepareCliProcess(env: NodeJS.ProcessEnv = process.env): void {
  const leaky = findLeakyDebugVariables(env);
  if (leaky.length > 0) {
    const lines = leaky.map((reason) => `error: ${reason}.`);
    lines.push(
      'lattice-e2e prints no secret in any output: unset the variable ' + '(NODE_DEBUG may name module, esm, timer).',
    );
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exit(2);
  }
  stopWritingOnClosedPipe(process.stdout);
  stopWritingOnClosedPipe(process.stderr);
  quietSdkNodeWarning();
}
