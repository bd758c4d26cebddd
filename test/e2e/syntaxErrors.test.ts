import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, runScript, scenarioDir } from '../support/runCli';

// A TypeScript syntax error in a user's file is the user's to fix: the file, the line, the column
// and the compiler's message, and no stack trace.
describe('a syntax error in a user file', () => {
  it('a scenario: file, line, column and message (exit 2)', async () => {
    const dir = scenarioDir({ 'bad.ts': "export default {\n  service: 'parking'\n  calls: [],\n};\n" });
    const run = await runScenario(['bad', '--dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${join(dir, 'bad.ts')}: syntax error at line 3, column 2: Expected "}" but found "calls"`,
    );
    expect(run.stderr).not.toContain('Transform failed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a world: the same, from check', async () => {
    const dir = scenarioDir({
      's.ts': "export default { world: 'w', service: 'x', calls: [{ caller: 'c', expect: { allow: true } }] };\n",
    });
    mkdirSync(join(dir, 'worlds'));
    writeFileSync(join(dir, 'worlds', 'w.ts'), 'export default {\n  region: "us-east-1",,\n};\n');
    const run = await runScript('check.ts', ['s', '--dir', dir, '--world', 'w']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`${join(dir, 'worlds', 'w.ts').replace(/[.]/g, '\\.')}: syntax error at line 2, column \\d+: `),
    );
  }, 60_000);
});
