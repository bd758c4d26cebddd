import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';

const SCRIPT = join(projectRoot, 'scripts', 'checkLineLength.mjs');

async function checkLineLength(dir?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...(dir ? [dir] : [])]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const git = (cwd: string, ...args: string[]) => promisify(execFile)('git', args, { cwd });

describe('scripts/checkLineLength.mjs (npm run lint)', () => {
  it('finds no line over 120 characters in this repository', async () => {
    const run = await checkLineLength();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^checkLineLength: \d+ files, no line over 120 characters\n$/);
    expect(run.code).toBe(0);
  });

  describe('in a git work tree with long lines', () => {
    let dir: string;
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    const long = (n: number) => `const s = '${'x'.repeat(n - 13)}';`;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'line-length-'));
      write('src/long.ts', `// fine\n${long(121)}\n${long(120)}\r\n`);
      write('src/wide.mjs', `${'↔'.repeat(120)}\n`); // 120 characters, 360 bytes: within the limit
      write('config/ci.yml', `on: push\nname: ${'n'.repeat(200)}\n`);
      write('data.json', `{\n  "a": "${'a'.repeat(150)}"\n}\n`);
      write('test/fixtures/big.json', `"${'f'.repeat(300)}"\n`);
      write('package-lock.json', `"${'p'.repeat(300)}"\n`);
      write('README.md', `${'m'.repeat(300)}\n`);
      write('bench/scale.ts', `${long(130)}\n${long(125)}\n`);
      await git(dir, 'init', '-q');
      await git(dir, 'add', '-A');
      write('src/untracked.ts', `${long(200)}\n`);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('lists each tracked line over the limit as file:line, exits 1', async () => {
      const run = await checkLineLength(dir);
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')).toEqual([
        'bench/scale.ts:1: 130 characters',
        'bench/scale.ts:2: 125 characters',
        'config/ci.yml:2: 206 characters',
        'data.json:2: 159 characters',
        'src/long.ts:2: 121 characters',
        'checkLineLength: 5 finding(s): wrap each line at 120 characters',
        '',
      ]);
      expect(run.code).toBe(1);
    });
  });

  it('names the directory when it is not a git work tree, exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'line-length-bare-'));
    try {
      const run = await checkLineLength(dir);
      expect(run.stderr).toMatch(new RegExp(`^checkLineLength: cannot list the tracked files of ${dir}: `));
      expect(run.stdout).toBe('');
      expect(run.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
