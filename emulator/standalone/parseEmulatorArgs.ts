import type { SourceOrgIdMode } from '../../policy';

/** The standalone emulator's default propagation delay: long enough that a runner must wait for it, as with AWS. */
export const DEFAULT_STANDALONE_PROPAGATION_DELAY_MS = 5_000;

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

const SOURCE_ORG_ID_MODES: readonly SourceOrgIdMode[] = ['principal', 'source-vpc-owner', 'absent'];

export const EMULATOR_USAGE = `Usage: npm run emulator -- [--world NAME|FILE] [--env-file FILE] [--ca-file FILE] [--propagation-delay MS]
                            [--source-org-id-mode M]

Starts the local world (STS, the VPC Lattice control and data planes) on loopback and prints
shell export lines for it. Stops on Ctrl-C (SIGINT) or SIGTERM.

  --world NAME|FILE        the world to serve: scenarios/worlds/NAME.ts or a world file (default: demo)
  --env-file FILE          also write the export lines to FILE
  --ca-file FILE           write the local CA certificate to FILE (default: a temporary file)
  --propagation-delay MS   how long a control-plane change takes to reach the data plane
                           (default ${DEFAULT_STANDALONE_PROPAGATION_DELAY_MS})
  --source-org-id-mode M   what aws:SourceOrgID holds in Invoke requests: principal (the caller's
                           organization, default), source-vpc-owner, or absent
`;

/** A command-line mistake: the message is for the user, with the usage. */
export class EmulatorArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorArgsError';
  }
}

export function parseEmulatorArgs(argv: string[]): EmulatorArgs {
  const args: EmulatorArgs = { propagationDelayMs: DEFAULT_STANDALONE_PROPAGATION_DELAY_MS, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new EmulatorArgsError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--env-file':
        args.envFile = value();
        break;
      case '--world':
        args.world = value();
        break;
      case '--ca-file':
        args.caFile = value();
        break;
      case '--propagation-delay': {
        const text = value();
        const ms = Number(text);
        if (!/^\d+$/.test(text) || !Number.isSafeInteger(ms)) throw new EmulatorArgsError(`--propagation-delay must be a whole number of milliseconds, got "${text}"`);
        args.propagationDelayMs = ms;
        break;
      }
      case '--source-org-id-mode': {
        const mode = value();
        if (!SOURCE_ORG_ID_MODES.includes(mode as SourceOrgIdMode)) throw new EmulatorArgsError(`--source-org-id-mode must be one of ${SOURCE_ORG_ID_MODES.join(', ')}, got "${mode}"`);
        args.sourceOrgIdMode = mode as SourceOrgIdMode;
        break;
      }
      case '--':
        // Lets `--env-file` reach the emulator past Node 20, which reads `--env-file` anywhere on its command line.
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new EmulatorArgsError(`unknown argument "${argv[i]}"`);
    }
  }
  return args;
}
