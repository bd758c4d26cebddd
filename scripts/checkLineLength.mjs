// Every line of a tracked source, config or data file is at most 120 characters: Biome formats to that
// width but cannot wrap a long string, regex or template, and does not read YAML.
//
//   node scripts/checkLineLength.mjs [dir]
//
// dir (default: this repository) must be a git work tree; its tracked files are read. Prints
// `file:line: N characters` for each line over the limit and exits 1 if there is any, 2 if dir cannot be
// listed. No dependencies: it runs before anything is installed or built.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 120;
const CHECKED = /\.(ts|mjs|js|json|ya?ml)$/;
const SKIPPED = (file) => file.startsWith('test/fixtures/') || file === 'package-lock.json';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
let listing;
try {
  listing = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (error) {
  const reason = String(error.stderr || error.message)
    .trim()
    .split('\n')[0];
  console.error(`checkLineLength: cannot list the tracked files of ${root}: ${reason}`);
  process.exit(2);
}
const files = listing
  .split('\0')
  .filter((file) => CHECKED.test(file) && !SKIPPED(file) && existsSync(join(root, file)));

const problems = [];
for (const file of files) {
  const long = [];
  readFileSync(join(root, file), 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const length = [...line].length;
      if (length > MAX) long.push(`${file}:${i + 1}: ${length} characters`);
    });
  problems.push(...long);
}

if (problems.length) {
  for (const problem of problems) console.log(problem);
  console.log(`checkLineLength: ${problems.length} finding(s): wrap each line at ${MAX} characters`);
  process.exit(1);
}
console.log(`checkLineLength: ${files.length} files, no line over ${MAX} characters`);
