import type { SourceOrgIdMode } from '../../policy';

/** The standalone emulator's settings, as its command line gives them (parsed by harness/cli/emulatorCommand.ts). */
export interface EmulatorArgs {
  /** Also write the export lines to this file. */
  envFile?: string;
  /** Write the CA certificate here; default: a temporary file removed on exit. */
  caFile?: string;
  propagationDelayMs: number;
  /** How aws:SourceOrgID is populated (undocumented for Lattice); default the world's. */
  sourceOrgIdMode?: SourceOrgIdMode;
  /** The world to serve: a name of scenarios/worlds/ or a world file; default demo. */
  world?: string;
  help: boolean;
}
