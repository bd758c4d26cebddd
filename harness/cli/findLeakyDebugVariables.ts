/**
 * NODE_DEBUG sets that print nothing a run holds secret: module resolution and timers. Every other
 * set, and any pattern (`*`, `ht*`), is refused: `http`, `https`, `http2`, `net`, `tls` and `stream`
 * print request headers and data (session tokens, signatures), `child_process` the environment
 * (the runner's secret key), `fetch` and `undici` requests. A list of what is safe, not of what is
 * not, so that a set Node adds later is refused until someone has read what it prints.
 */
const SAFE_NODE_DEBUG = new Set(['module', 'esm', 'timer']);

/** Whether a NODE_DEBUG entry names a set as Node reads it: case-insensitive, `*` for any characters. */
function matchesDebugSet(entry: string, set: string): boolean {
  const pattern = entry.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${pattern}$`, 'i').test(set);
}

/**
 * The debug variables that would make Node print a secret of the run, each with why, in the
 * order checked. Node reads them once at startup, so they cannot be unset from inside: a command
 * refuses to start instead, and keeps its promise that no output holds a secret.
 */
export function findLeakyDebugVariables(env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  const nodeDebug = env.NODE_DEBUG ?? '';
  const leaky = nodeDebug.split(',').filter((set) => set !== '' && !SAFE_NODE_DEBUG.has(set.toLowerCase()));
  if (leaky.length > 0) {
    // The launchers (npm, npx, tsx) are Node programs too: with child_process they print the
    // environment they start this command with, before any of its code runs.
    const launchers = leaky.some((set) => matchesDebugSet(set, 'child_process'))
      ? '; npm, npx and tsx have already printed the environment they started this command with'
      : '';
    found.push(
      `NODE_DEBUG=${nodeDebug}: Node's debug output for ${leaky.join(', ')} prints request headers, ` +
        `session tokens, signatures or the environment (secret keys)${launchers}`,
    );
  }
  if (env.NODE_DEBUG_NATIVE) {
    found.push(`NODE_DEBUG_NATIVE=${env.NODE_DEBUG_NATIVE}: Node's native debug output prints what it sends and gets`);
  }
  return found;
}
