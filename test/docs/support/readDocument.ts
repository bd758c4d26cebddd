import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A piece of a Markdown document with the line (1-based) it starts on. */
export interface Located {
  line: number;
  text: string;
}

/** A Markdown document split the way the documentation checks read it. */
export interface MarkdownDocument {
  /** Relative to the project root, e.g. `docs/ci/README.md`. */
  path: string;
  text: string;
  lines: string[];
  /** Every line inside a fenced code block (the fences themselves excluded). */
  fenced: Located[];
  /** Each fenced code block, its lines joined, starting at its first line. */
  blocks: Located[];
  /** Inline code spans outside fenced blocks (a span may run over a line break). */
  codeSpans: Located[];
  /** Lines outside fenced blocks. */
  prose: Located[];
}

const FENCE = /^\s*(```|~~~)/;

/** Reads a Markdown file of the project and sorts its lines into fenced code and prose. */
export function readDocument(root: string, path: string): MarkdownDocument {
  const text = readFileSync(join(root, path), 'utf8');
  const lines = text.split('\n');
  const fenced: Located[] = [];
  const blocks: Located[] = [];
  const prose: Located[] = [];
  let block: { line: number; lines: string[] } | undefined;
  lines.forEach((content, index) => {
    const line = index + 1;
    if (FENCE.test(content)) {
      if (block) blocks.push({ line: block.line, text: block.lines.join('\n') });
      block = block ? undefined : { line: line + 1, lines: [] };
      return;
    }
    if (block) {
      fenced.push({ line, text: content });
      block.lines.push(content);
    } else {
      prose.push({ line, text: content });
    }
  });
  return { path, text, lines, fenced, blocks, codeSpans: codeSpansOf(prose), prose };
}

/** Inline code spans of consecutive prose lines (a paragraph), each with the line it opens on. */
function codeSpansOf(prose: Located[]): Located[] {
  const spans: Located[] = [];
  let paragraph: Located[] = [];
  const flush = () => {
    const joined = paragraph.map((p) => p.text).join('\n');
    for (const match of joined.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)) {
      const before = joined.slice(0, match.index).split('\n').length - 1;
      spans.push({ line: paragraph[0]!.line + before, text: match[2]!.trim() });
    }
    paragraph = [];
  };
  for (const p of prose) {
    const last = paragraph.at(-1);
    // A blank line, or a gap left by a fenced block, ends a paragraph.
    if (p.text.trim() === '' || (last && p.line !== last.line + 1)) flush();
    if (p.text.trim() !== '') paragraph.push(p);
  }
  flush();
  return spans;
}
