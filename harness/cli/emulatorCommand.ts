import type { SourceOrgIdMode } from '../../policy';
import { UserError } from '../errors';
import { commandHelp, parseCommand, type CommandSpec } from './defineCommand';

/** The standalone emulator's default propagation delay: long enough that a runner must wait for it, as with AWS. */
export const DEFAULT_STANDALONE_PROPAGATION_DELAY_MS = 5_000;

const SOURCE_ORG_ID_MODES: readonly SourceOrgIdMode[] = ['principal', 'source-vpc-owner', 'absent'];

/** The standalone emulator's settings as its command line gives them (the emulator's own EmulatorArgs, by shape). */
export interface EmulatorArgs {
  envFile?: string;
  caFile?: string;
  propagationDelayMs: number;
  sourceOrgIdMode?: SourceOrgIdMode;
  world?: string;
  help: boolean;
}

export const EMULATOR_COMMAND: CommandSpec = {
  name: 'npm run emulator --',
  description:
    'Starts the local world (STS, the VPC Lattice control and data planes) on loopback and prints\n' +
    'shell export lines for it. Stops on Ctrl-C (SIGINT) or SIGTERM.',
  options: [
    {
      flags: '--world <name|file>',
      description: 'the world to serve: scenarios/worlds/<name>.ts or a world file (default: demo)',
    },
    { flags: '--env-file <file>', description: 'also write the export lines to <file>' },
    { flags: '--ca-file <file>', description: 'write the local CA certificate to <file> (default: a temporary file)' },
    {
      flags: '--propagation-delay <ms>',
      description:
        `how long a control-plane change takes to reach the data plane (default ` +
        `${DEFAULT_STANDALONE_PROPAGATION_DELAY_MS})`,
    },
    {
      flags: '--source-org-id-mode <mode>',
      description:
        "what aws:SourceOrgID holds in Invoke requests: principal (the caller's " +
        'organization, default), source-vpc-owner, or absent',
    },
  ],
  epilog: 'exit codes: 0 after a clean stop, 2 bad input (a command-line mistake, a broken world file)',
};

export const EMULATOR_USAGE = commandHelp(EMULATOR_COMMAND);

/**
 * Parses the emulator's command line; mistakes are UserErrors. A leading `--` (npm's, past Node's own
 * --env-file) is skipped.
 */
export function parseEmulatorArgs(argv: string[]): EmulatorArgs {
  const rest = [...argv];
  while (rest[0] === '--') rest.shift();
  const parsed = parseCommand(EMULATOR_COMMAND, rest);
  if (parsed.help) return { propagationDelayMs: DEFAULT_STANDALONE_PROPAGATION_DELAY_MS, help: true };
  const v = parsed.values as Record<string, string | undefined>;
  const args: EmulatorArgs = { propagationDelayMs: DEFAULT_STANDALONE_PROPAGATION_DELAY_MS, help: false };
  if (v.world !== undefined) args.world = v.world;
  if (v.envFile !== undefined) args.envFile = v.envFile;
  if (v.caFile !== undefined) args.caFile = v.caFile;
  if (v.propagationDelay !== undefined) {
    const ms = Number(v.propagationDelay);
    if (!/^\d+$/.test(v.propagationDelay) || !Number.isSafeInteger(ms)) {
      throw new UserError(
        'USAGE',
        `--propagation-delay must be a whole number of milliseconds, got "${v.propagationDelay}"`,
      );
    }
    args.propagationDelayMs = ms;
  }
  if (v.sourceOrgIdMode !== undefined) {
    if (!SOURCE_ORG_ID_MODES.includes(v.sourceOrgIdMode as SourceOrgIdMode)) {
      throw new UserError(
        'USAGE',
        `--source-org-id-mode must be one of ${SOURCE_ORG_ID_MODES.join(', ')}, got "${v.sourceOrgIdMode}"`,
      );
    }
    args.sourceOrgIdMode = v.sourceOrgIdMode as SourceOrgIdMode;
  }
  return args;
}
