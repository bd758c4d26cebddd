/**
 * One regular expression from pieces written as regex literals, in order: a long pattern stays
 * readable line by line and each piece keeps its own escapes. The pieces' flags are ignored.
 */
export function joinPatterns(pieces: readonly RegExp[], flags = ''): RegExp {
  return new RegExp(pieces.map((p) => p.source).join(''), flags);
}
