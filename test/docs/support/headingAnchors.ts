import type { MarkdownDocument } from './readDocument';

/**
 * GitHub's anchor for a heading: lower case, inline markup's backticks and every punctuation mark
 * dropped (letters, digits, '-' and '_' stay), each space a '-'.
 */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a document's headings, as GitHub makes them (a repeated heading gets -1, -2, ...). */
export function headingAnchors(doc: MarkdownDocument): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of doc.prose) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const slug = githubSlug(heading[1]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
