/**
 * Why a user's TypeScript file could not be loaded, in one line: for a syntax error, the
 * compiler's `line:column: message` (esbuild writes "Transform failed with N error(s):" or "Build failed ..." first, and
 * the places on the lines after it), else the error's first line.
 */
export function describeLoadError(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  if (/^(Transform|Build) failed with \d+ errors?:?$/.test(lines[0]!.trim())) {
    const places = lines.slice(1).filter((l) => l.trim() !== '');
    const first = places[0];
    const at = first?.startsWith(`${file}:`) ? first.slice(file.length + 1) : first;
    if (at) {
      const more = places.length > 1 ? ` (and ${places.length - 1} more)` : '';
      return `syntax error at line ${at.replace(/^(\d+):(\d+): ERROR: /, '$1, column $2: ')}${more}`;
    }
  }
  return `cannot be loaded: ${lines[0]}`;
}
