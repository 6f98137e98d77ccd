// The hand-written fuzzy search the PDF core used before approx-string-match (kept here only so that
// `npm run bench` can measure the two side by side on the same inputs; nothing in src/ imports it).
/**
 * Approximate substring search (Sellers' algorithm): the place in `text` where `pattern` matches with the
 * fewest edits (insertions, deletions, substitutions). O(pattern × text) time at worst, about
 * O(maxDistance × text) on typical text with Ukkonen's cut-off, O(pattern) memory; the anchor calls it only
 * after exact and normalised search fail, page by page.
 *
 * diff-match-patch's match_main is the usual library for this, but its bitap is limited to 32-character
 * patterns, and quotes are sentences.
 */
interface FuzzyMatch {
  readonly start: number;
  readonly end: number;
  readonly distance: number;
}

export function sellersFind(text: string, pattern: string, maxDistance: number): FuzzyMatch | undefined {
  const m = pattern.length;
  if (m === 0 || text.length === 0) return undefined;
  // column[i]: edits to match pattern[0, i) ending at the current text position; starts[i]: where that match began.
  let column = new Int32Array(m + 1);
  let starts = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  let nextStarts = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  // Ukkonen's cut-off: rows below the last one within maxDistance cannot come back within it, so each
  // column is computed only down to one row past it (O(maxDistance × text) on typical text). Rows not
  // computed count as `over`; every cell within maxDistance, and where it started, is as without the cut.
  const over = maxDistance + 1;
  let computed = m;
  let last = Math.min(m, maxDistance);
  let best: FuzzyMatch | undefined;
  for (let j = 0; j < text.length; j++) {
    const char = text.charCodeAt(j);
    next[0] = 0;
    nextStarts[0] = j + 1;
    const rows = Math.min(m, last + 1);
    for (let i = 1; i <= rows; i++) {
      const substitute = column[i - 1]! + (pattern.charCodeAt(i - 1) === char ? 0 : 1);
      const skipText = (i <= computed ? column[i]! : over) + 1;
      const skipPattern = next[i - 1]! + 1;
      if (substitute <= skipText && substitute <= skipPattern) {
        next[i] = substitute;
        nextStarts[i] = starts[i - 1]!;
      } else if (skipText <= skipPattern) {
        next[i] = skipText;
        nextStarts[i] = starts[i]!;
      } else {
        next[i] = skipPattern;
        nextStarts[i] = nextStarts[i - 1]!;
      }
    }
    [column, next] = [next, column];
    [starts, nextStarts] = [nextStarts, starts];
    computed = rows;
    for (last = rows; last > 0 && column[last]! > maxDistance; last--);
    if (rows < m) continue;
    const distance = column[m]!;
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { start: starts[m]!, end: j + 1, distance };
  }
  return best;
}
