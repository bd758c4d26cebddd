// The documents describe commands, options, outcomes, variables and files; each check below reads them
// and the code they describe, and lists every drift as `<document>:<line>: <what to fix>`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../harness/classify/outcome';
import { projectRoot as root } from '../support/paths';
import {
  namesIn,
  namesInCode,
  namesInWorkflow,
  sameVariable,
  sourceFiles,
  type VariableName,
} from './support/findEnvironmentNames';
import { headingAnchors } from './support/headingAnchors';
import { type DocumentedCommand, loadCommandSpecs } from './support/loadCommandSpecs';
import { type Located, type MarkdownDocument, readDocument } from './support/readDocument';
import { flagsOf, optionTables, specsFor } from './support/optionTables';

const DOCUMENTS = ['README.md', 'bench/README.md', 'docs/ci/README.md', 'docs/ci/relays.md', 'emulator/README.md'];
const docs = DOCUMENTS.map((path) => readDocument(root, path));
const readme = docs.find((d) => d.path === 'README.md')!;

/** `npm run <script>` written about another project than this one: document and script. */
const FOREIGN_SCRIPTS = [
  // bench/README.md's start-up table measures npm itself running a script of a package of its own.
  { doc: 'bench/README.md', script: 'noop' },
];

/** Options in backticks that belong to other programs, each with its program. */
const FOREIGN_FLAGS: Record<string, string> = {
  '--http2': 'curl',
  '--aws-sigv4': 'curl',
  '--interface': 'curl',
  '--max-old-space-size': 'node',
};

/** Project paths in backticks that need not exist: a command or the reader writes them. */
const WRITTEN_PATHS: Record<string, string> = {
  'scenarios/worlds/staging.ts': 'written by `npm run world -- import --env staging`',
  'scenarios/worlds/acme.ts': 'the copy of the demo the reader makes ("Model your organization", step 1)',
};

/** Where the code reads its variables: the commands' sources, and the `npm run test:scenarios` project. */
const READING_CODE = ['harness', 'emulator', 'world', 'scripts', 'relay', 'scenarios', 'test/scenarios'];

const NPM_RUN = /\bnpm run(?:\s+-s)?\s+([a-z][\w:-]*)/g;

/** The line (1-based) of a character offset in a text. */
const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Text with its fenced code blanked (line numbers kept), for the checks that read prose only. */
const proseText = (doc: MarkdownDocument) => {
  const fenced = new Set(doc.fenced.map((f) => f.line));
  return doc.lines.map((text, i) => (fenced.has(i + 1) ? '' : text)).join('\n');
};

const commands: DocumentedCommand[] = loadCommandSpecs(root, ['harness', 'relay']);

describe('the documents match the code', () => {
  it('every `npm run <script>` is a script of package.json', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
    const drift = docs.flatMap((doc) =>
      [...doc.text.matchAll(NPM_RUN)]
        .filter(([, script]) => !scripts.includes(script!))
        .filter(([, script]) => !FOREIGN_SCRIPTS.some((f) => f.doc === doc.path && f.script === script))
        .map((m) => `${doc.path}:${lineAt(doc.text, m.index)}: "npm run ${m[1]}": no such script in package.json`),
    );
    expect(drift).toEqual([]);
  });

  it('every `npm run bench -- <name>` is a bench/<name>.ts, and bench/README.md lists every one', () => {
    const benchmarks = readdirSync(join(root, 'bench'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    const named = docs.flatMap((doc) =>
      [...doc.text.matchAll(/\bnpm run bench -- ([a-z][\w-]*)/g)]
        .filter(([, name]) => !benchmarks.includes(name!))
        .map((m) => `${doc.path}:${lineAt(doc.text, m.index)}: "${m[1]}": no bench/${m[1]}.ts`),
    );
    const benchReadme = docs.find((d) => d.path === 'bench/README.md')!;
    const block = benchReadme.blocks.find((b) => b.text.includes('npm run bench'));
    const listed = new Set([...(block?.text ?? '').matchAll(/npm run bench -- ([a-z][\w-]*)/g)].map((m) => m[1]));
    const unlisted = benchmarks
      .filter((name) => !listed.has(name))
      .map((name) => `bench/README.md:${block?.line ?? 1}: bench/${name}.ts is not in the command block`);
    expect([...named, ...unlisted]).toEqual([]);
  });

  it("README's option tables and synopses list exactly the options of their command's spec", () => {
    const drift = docs.flatMap((doc) =>
      optionTables(doc, commands).flatMap((table) => {
        const specs = specsFor(commands, table.script, table.subcommand);
        if (specs.length === 0) return [`${doc.path}:${table.line}: no command spec for "${table.script}"`];
        const options = new Set(specs.flatMap((s) => s.options).filter((o) => o !== '--help'));
        const shown = new Set(table.rows.map((r) => r.text));
        const what = `${table.kind} of "npm run ${table.script}${table.subcommand ? ` -- ${table.subcommand}` : ''}"`;
        return [
          ...table.rows
            .filter((r) => !options.has(r.text))
            .map((r) => `${doc.path}:${r.line}: ${r.text} in the ${what}: not an option of ${specs[0]!.source}`),
          ...[...options]
            .filter((o) => !shown.has(o))
            .map((o) => `${doc.path}:${table.line}: ${o} (${specs[0]!.source}) is missing from the ${what}`),
        ];
      }),
    );
    expect(drift).toEqual([]);
  });

  it('every option in a documented command line, or alone in backticks, is an option of a command', () => {
    const everyOption = new Set(commands.flatMap((c) => c.options));
    const drift = docs.flatMap((doc) => {
      const lines: Located[] = [...doc.blocks.flatMap(joinContinuations), ...doc.codeSpans];
      return lines.flatMap(({ line, text }) =>
        flagsOf(text, commands).flatMap(({ script, subcommand, flags }) => {
          if (script === undefined) {
            return flags
              .filter((f) => !everyOption.has(f) && !(f in FOREIGN_FLAGS))
              .map((f) => `${doc.path}:${line}: \`${f}\` is an option of no command spec`);
          }
          const specs = specsFor(commands, script, subcommand);
          if (specs.length === 0) return []; // a script whose options are another tool's (vitest, tsx)
          const options = new Set(specs.flatMap((s) => s.options));
          return flags
            .filter((f) => !options.has(f))
            .map((f) => `${doc.path}:${line}: ${f} is not an option of "npm run ${script}" (${specs[0]!.source})`);
        }),
      );
    });
    expect(drift).toEqual([]);
  });

  it("README's outcome table names exactly the kinds of the Outcome union", () => {
    // describeOutcome is keyed by every kind, exhaustively (the compiler holds it to the union).
    const kinds = Object.keys(describeOutcome);
    const rows = readme.prose.flatMap(({ line, text }) => {
      const row = /^\| `([a-z][a-z-]*) \{[^`]*\}` \|/.exec(text);
      return row ? [{ line, kind: row[1]! }] : [];
    });
    const shown = rows.map((r) => r.kind);
    const drift = [
      ...rows
        .filter((r) => !kinds.includes(r.kind))
        .map((r) => `README.md:${r.line}: "${r.kind}" is not a kind of Outcome (harness/classify/outcome.ts)`),
      ...kinds
        .filter((k) => !shown.includes(k))
        .map((k) => `README.md:${rows[0]?.line ?? 1}: Outcome kind "${k}" has no row in the outcome table`),
    ];
    expect(rows.length).toBeGreaterThan(0);
    expect(drift).toEqual([]);
  });

  it('every variable the code reads is documented, and every documented one is known to the code', () => {
    const documented = docs.flatMap((doc) => doc.lines.flatMap((text, i) => namesIn(text, `${doc.path}:${i + 1}`)));
    const codeFiles = (folders: string[]) =>
      folders.flatMap((f) => sourceFiles(root, f, (path) => normalize(path) === normalize('test/docs')));
    const read = [...codeFiles(READING_CODE), 'vitest.config.ts'].flatMap((file) => namesInCode(root, file));
    const workflows = readdirSync(join(root, '.github/workflows'))
      .filter((f) => f.endsWith('.yml'))
      .flatMap((f) => namesInWorkflow(root, `.github/workflows/${f}`));
    // The tests read some too (LATTICE_E2E_ROBUSTNESS_SCALE deepens the robustness barrage).
    const known = [...read, ...codeFiles(['test']).flatMap((file) => namesInCode(root, file)), ...workflows];
    const undocumented = unique(read)
      .filter((c) => !documented.some((d) => documents(d, c)))
      .map((c) => `${c.where}: ${c.name} is named in none of ${DOCUMENTS.join(', ')}`);
    const unknown = unique(documented)
      .filter((d) => !known.some((k) => sameVariable(d, k)))
      .map((d) => `${d.where}: ${d.name} is read by no code and no workflow`);
    expect(read.length).toBeGreaterThan(10);
    expect([...undocumented, ...unknown]).toEqual([]);
  });

  it('every relative link points to a file that exists, and every #anchor to a heading of it', () => {
    const drift = docs.flatMap((doc) => {
      const text = proseText(doc);
      const links = [
        ...text.matchAll(/\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"]*")?\s*\)/g),
        ...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm),
      ];
      return links.flatMap((m) => {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return []; // https:, mailto:
        const at = `${doc.path}:${lineAt(text, m.index)}`;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? doc.path : normalize(join(dirname(doc.path), decodeURIComponent(path)));
        if (!existsSync(join(root, file))) return [`${at}: link to "${target}": no file ${file}`];
        if (anchor === undefined || !file.endsWith('.md')) return [];
        const anchors = headingAnchors(readDocument(root, file));
        return anchors.has(anchor) ? [] : [`${at}: link to "${target}": ${file} has no heading "#${anchor}"`];
      });
    });
    expect(drift).toEqual([]);
  });

  it('every project path in backticks exists', () => {
    const PROJECT_PATH = /^(scenarios|harness|docs|relay|bench|test|emulator|world|scripts|\.github)\/[^\s`]*$/;
    const drift = docs.flatMap((doc) =>
      doc.codeSpans
        .filter(({ text }) => PROJECT_PATH.test(text) && !/[<*]/.test(text) && !(text in WRITTEN_PATHS))
        // A path is the project's (`world/...`) or, in emulator/README.md, the emulator's own (`world/KeyRing.ts`).
        .filter(({ text }) => !existsSync(join(root, text)) && !existsSync(join(root, dirname(doc.path), text)))
        .map(({ line, text }) => `${doc.path}:${line}: \`${text}\` does not exist`),
    );
    expect(drift).toEqual([]);
  });
});

/** Whether document name `d` documents code name `c`: a template in the code needs a template in the documents. */
function documents(d: VariableName, c: VariableName): boolean {
  return sameVariable(d, c) && (d.template || !c.template);
}

function unique(names: VariableName[]): VariableName[] {
  const seen = new Map<string, VariableName>();
  for (const n of names) if (!seen.has(n.name)) seen.set(n.name, n);
  return [...seen.values()];
}

/** A fenced block's lines, a line ending in `\` joined with the next, each at the line it starts on. */
function joinContinuations(block: Located): Located[] {
  const out: Located[] = [];
  let pending: Located | undefined;
  block.text.split('\n').forEach((text, i) => {
    const current = pending ? { line: pending.line, text: `${pending.text} ${text}` } : { line: block.line + i, text };
    pending = /\\\s*$/.test(text) ? { ...current, text: current.text.replace(/\\\s*$/, '') } : undefined;
    if (!pending) out.push(current);
  });
  if (pending) out.push(pending);
  return out;
}
