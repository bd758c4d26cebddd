import type { DocumentedCommand } from './loadCommandSpecs';
import type { Located, MarkdownDocument } from './readDocument';

/** A list of a command's options in a document: a table's rows or a synopsis' `[--option ...]`. */
export interface OptionListing {
  kind: 'options table' | 'synopsis';
  script: string;
  subcommand?: string;
  /** Where the listing starts. */
  line: number;
  /** Each option named, `--env`, at its line. */
  rows: Located[];
}

const NPM_COMMAND = /\bnpm run(?:\s+-s)?\s+([a-z][\w:-]*)(?:\s+--\s+([a-z][\w-]*))?/g;
const FLAG = /(?:^|[\s[(])(--[a-z0-9][a-z0-9-]*)/g;

/** The specs of `npm run <script> [-- <subcommand>]`: the subcommand's, else the script's own, else all of it. */
export function specsFor(commands: DocumentedCommand[], script: string, subcommand?: string): DocumentedCommand[] {
  const ofScript = commands.filter((c) => c.script === script);
  const exact = ofScript.filter((c) => c.subcommand !== undefined && c.subcommand === subcommand);
  if (exact.length > 0) return exact;
  const plain = ofScript.filter((c) => c.subcommand === undefined);
  return plain.length > 0 ? plain : ofScript;
}

/**
 * The option tables (Markdown tables whose first cells are `--options`) and synopses (a fenced block
 * `npm run <script> -- [--option ...]`) of a document. A table belongs to the last `npm run <script>`
 * written before it.
 */
export function optionTables(doc: MarkdownDocument, commands: DocumentedCommand[]): OptionListing[] {
  const listings: OptionListing[] = [];
  let table: Located[] = [];
  const flush = () => {
    const rows = table.flatMap(({ line, text }) => {
      const first = text.split(/(?<!\\)\|/)[1] ?? '';
      return [...first.matchAll(/`(--[a-z0-9][a-z0-9-]*)[^`]*`/g)].map((m) => ({ line, text: m[1]! }));
    });
    if (rows.length > 0) {
      const before = doc.lines.slice(0, table[0]!.line - 1).join('\n');
      const last = [...before.matchAll(NPM_COMMAND)].at(-1);
      const script = last?.[1] ?? '(no npm run before the table)';
      const subcommand = commands.some((c) => c.script === script && c.subcommand === last?.[2])
        ? last?.[2]
        : undefined;
      listings.push({ kind: 'options table', script, subcommand, line: table[0]!.line, rows });
    }
    table = [];
  };
  for (const p of doc.prose) {
    if (table.length > 0 && (!p.text.startsWith('|') || p.line !== table.at(-1)!.line + 1)) flush();
    if (p.text.startsWith('|')) table.push(p);
  }
  flush();
  for (const { line, text } of doc.blocks) {
    // A synopsis is a block of its own, and may wrap: `[--option ...]` on every line of it count.
    const synopsis = /^\s*npm run ([a-z][\w:-]*) --(?: ([a-z][\w-]*))? \[/.exec(text);
    if (!synopsis) continue;
    const rows = [...text.matchAll(/\[(--[a-z0-9][a-z0-9-]*)/g)].map((m) => ({
      line: line + text.slice(0, m.index).split('\n').length - 1,
      text: m[1]!,
    }));
    listings.push({ kind: 'synopsis', script: synopsis[1]!, subcommand: synopsis[2], line, rows });
  }
  return listings;
}

/** Options named in a command line or a code span, with the command they are given to (if it is said). */
export interface NamedFlags {
  script?: string;
  subcommand?: string;
  flags: string[];
}

/**
 * The options a line gives: after `npm run <script> --` (npm keeps what comes before `--`), after
 * `<script> ` when a span starts with a command's script (`check --explain`), or a span that is an option.
 */
export function flagsOf(text: string, commands: DocumentedCommand[]): NamedFlags[] {
  const line = text.replace(/(^|\s)#\s.*$/s, ''); // a shell comment
  const runs = [...line.matchAll(NPM_COMMAND)];
  if (runs.length > 0) {
    return runs.flatMap((run, i) => {
      const end = runs[i + 1]?.index ?? line.length;
      const segment = line.slice(run.index, end).split(/\s(?:&&|\|\|?|;)\s/)[0]!;
      const separator = segment.search(/\s--(\s|$)/);
      if (separator === -1) return [];
      const flags = [...segment.slice(separator + 3).matchAll(FLAG)].map((m) => m[1]!);
      return [{ script: run[1]!, subcommand: run[2], flags }];
    });
  }
  const script = /^([a-z][\w:-]*) --/.exec(line)?.[1];
  if (script && commands.some((c) => c.script === script)) {
    return [{ script, flags: [...line.matchAll(FLAG)].map((m) => m[1]!) }];
  }
  if (line.startsWith('--')) return [{ flags: [...line.matchAll(FLAG)].map((m) => m[1]!) }];
  return [];
}
