/**
 * The AWS SDK warns, once per process, that its releases after the first week of January 2027 need
 * Node 22. This project pins an SDK release that supports Node 20 (package.json), so that notice
 * is dropped from the CLI's output; every other warning is printed as Node prints it.
 */
export function quietSdkNodeWarning(): void {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.message.startsWith('NodeVersionSupportWarning')) return;
    for (const print of printers) print(warning);
  });
}
