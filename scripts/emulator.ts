#!/usr/bin/env -S npx tsx
// npm run emulator -- [--world NAME|FILE] [--env-file FILE] [--ca-file FILE] [--propagation-delay MS]
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

// First, before anything else is loaded or runs: refuse debug variables that would print secrets.
prepareCliProcess();
const { EMULATOR_USAGE, parseEmulatorArgs } = await import('../harness/cli/emulatorCommand');
const { UserError } = await import('../harness/errors');

let args: ReturnType<typeof parseEmulatorArgs>;
try {
  args = parseEmulatorArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  process.stderr.write(`emulator: ${error.message}\n\n${EMULATOR_USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${EMULATOR_USAGE}\n`);
} else {
  const { runEmulator } = await import('../emulator/standalone/runEmulator');
  process.exitCode = await runEmulator(args, { stdout: process.stdout, stderr: process.stderr });
}
