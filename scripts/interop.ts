#!/usr/bin/env -S npx tsx
// npm run interop: the standard clients on this machine (AWS CLI, curl --aws-sigv4, botocore) against the local world.
import { prepareCliProcess } from '../harness/cli/prepareCliProcess';

prepareCliProcess();
const { startLocalWorld } = await import('../emulator/startLocalWorld');
const { runInterop } = await import('../harness/interop/runInterop');

const world = await startLocalWorld();
try {
  const checks = await runInterop(world);
  for (const c of checks) {
    const mark = c.status === 'passed' ? 'PASS' : c.status === 'failed' ? 'FAIL' : 'SKIP';
    process.stdout.write(
      `${mark} ${c.client}: ${c.check}${c.detail ? ` (${c.detail.replace(/\s+/g, ' ').slice(0, 300)})` : ''}\n`,
    );
  }
  const count = (s: string) => checks.filter((c) => c.status === s).length;
  process.stdout.write(`interop: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped\n`);
  process.exitCode = count('failed') > 0 ? 1 : 0;
} finally {
  await world.close();
}
