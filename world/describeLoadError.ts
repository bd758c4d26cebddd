/**
 * Why a user's TypeScript file could not be loaded, in one line: for a syntax error, the
 * compiler's `line:column: message` (esbuild writes "Transform failed with N error(s):" or
 * "Build failed ..." first, and the places on the lines after it), else the error's first line.
 */
export function describeLoadError(error: unknown, _file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  if (/^(Transform|Build) failed with \d+ errors?:?$/.test(lines[0]!.trim())) {
    const places = lines.slice(1).filter((l) => l.trim() !== '');
    // `<path>:<line>:<column>: ERROR: <message>`; the path is the file's, absolute or relative to where it was built.
    const at = /^.*?:(\d+):(\d+): ERROR: (.*)$/.exec(places[0] ?? '');
    if (at) {
      const more = places.length > 1 ? ` (and ${places.length - 1} more)` : '';
      return `syntax error at line ${at[1]}, column ${at[2]}: ${at[3]}${more}`;
    }
  }
  return `cannot be loaded: ${lines[0]}`;
}
