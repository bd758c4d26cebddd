import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startLocalWorld, type LocalWorldOptions } from '../startLocalWorld';
import { defaultWorldName, loadWorld, UserError, type WorldSpec } from '../../world';
import { emulatorExports, formatExports } from './emulatorExports';
import type { EmulatorArgs } from './emulatorArgs';

export interface EmulatorIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves when the emulator should stop (default: SIGINT or SIGTERM) with what stopped it. */
  waitForStop?: () => Promise<string>;
  /** Extra options for the world (tests inject a clock or faults). */
  world?: LocalWorldOptions;
}

/**
 * Resolves on the first SIGINT or SIGTERM. The handlers stay: a second signal (a terminal's
 * Ctrl-C reaches npm, tsx and the emulator alike, and tsx relays it once more) must not kill the
 * process in the middle of closing. Signal handlers do not keep Node running.
 */
export function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
}

/** Writes a file so that a reader polling for it never sees it half written. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = join(dirname(file), `.${process.pid}.${Date.now()}.partial`);
  writeFileSync(partial, text, { mode: 0o600 });
  renameSync(partial, file);
}

/**
 * `npm run emulator`: starts the seed local world in the foreground, prints export lines for it
 * (stdout; notes go to stderr), optionally writes them to a file, and closes everything on
 * SIGINT/SIGTERM. Returns the exit code: 0 after a clean stop, 2 for a broken world file.
 */
export async function runEmulator(args: EmulatorArgs, io: EmulatorIo): Promise<number> {
  let world: WorldSpec;
  try {
    world = await loadWorld(args.world ?? defaultWorldName('scenarios'), 'scenarios');
  } catch (error) {
    // A world file with a mistake: named with its field, as `scenario` and `check` name it.
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`emulator: ${error.message}\n`);
    return 2;
  }
  const waiting = (io.waitForStop ?? waitForSignal)();
  const spec = args.sourceOrgIdMode ? { ...world, sourceOrgIdMode: args.sourceOrgIdMode } : world;
  const local = await startLocalWorld({ propagationDelayMs: args.propagationDelayMs, spec, ...io.world });
  const tempDir = args.caFile ? undefined : mkdtempSync(join(tmpdir(), 'lattice-e2e-emulator-'));
  const caFile = args.caFile ?? join(tempDir!, 'ca.pem');
  try {
    try {
      mkdirSync(dirname(caFile), { recursive: true });
      writeFileSync(caFile, local.caCertPem);
      if (args.envFile) writeAtomically(args.envFile, formatExports(emulatorExports(local, caFile)));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      io.stderr.write(`emulator: cannot write ${e.path ?? 'a file'}: ${e.code ?? e.message}\n`);
      return 2;
    }
    const exports = formatExports(emulatorExports(local, caFile));
    io.stdout.write(`# lattice-e2e local world (names: emulator/README.md)\n${exports}`);
    io.stderr.write(
      `lattice-e2e local world running: STS ${local.stsEndpoint}, control plane ${local.controlPlaneEndpoint}, ` +
        `data plane ${local.dataPlane.address}:${local.dataPlane.port} (HTTPS ${local.https.port}), ` +
        `propagation delay ${args.propagationDelayMs} ms. Ctrl-C stops it.\n`,
    );
    const signal = await waiting;
    io.stderr.write(`lattice-e2e local world stopping (${signal})\n`);
    return 0;
  } finally {
    await local.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}
