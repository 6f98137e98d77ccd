import { fuzzyBudget, fuzzyFindCapped, searchCost, type FuzzyBudget, type FuzzyMatch } from '../pdf/fuzzySearch';
import { positionSelector, quoteSelector, selectorsFor, type Annotation, type TextQuoteSelector } from './model';

/**
 * Where an annotation's claim is in the current text of its document, tried in the order of the W3C
 * "robust anchoring" practice (and Hypothesis's): the stored position, if the claim's text is still
 * there; otherwise the exact quote, choosing among repeats by how well the prefix/suffix agree and then
 * by closeness to the old position; otherwise a fuzzy match of the quote (a few edits inside the claim).
 * Failing all three the annotation is an orphan: reported, never dropped.
 */
export type Reanchored =
  | { readonly status: 'anchored'; readonly method: 'position' | 'quote' | 'fuzzy'; readonly start: number; readonly end: number; readonly score: number }
  | { readonly status: 'orphan' };

export interface ReanchorOptions {
  /** Fuzzy matches below this similarity (1 − edits/length) are not accepted. Default 0.75. */
  readonly minFuzzyScore?: number;
  /**
   * How far the claim probably moved, e.g. the shift of the claim before it after an edit. Only a hint to
   * spare a search of the whole text: the result is the same with or without it.
   */
  readonly expectedShift?: number;
  /**
   * Work the fuzzy step may spend, shared by all annotations of one pass over a document (see
   * `editBudget`). Without one, each fuzzy search is still bounded (FUZZY_PATTERN_CAP, FUZZY_TEXT_LIMIT).
   */
  readonly fuzzyBudget?: FuzzyBudget;
}

/**
 * Fuzzy re-anchoring runs on the extension host after every edit, so its work is bounded whatever the
 * annotation file holds (a 20k-character orphan in a 199k-character document used to cost 4.9 s a
 * keystroke): a claim longer than FUZZY_PATTERN_CAP is looked for by its first and last 64 characters;
 * one search looks at no more than FUZZY_TEXT_LIMIT characters around where the claim was (nearby
 * first); and all searches after one edit share EDIT_FUZZY_CELLS of work. An annotation the budget does
 * not reach is reported as an orphan for this pass (never dropped): the next edit tries again.
 */
export const FUZZY_PATTERN_CAP = 128;
export const FUZZY_TEXT_LIMIT = 100_000;
/** Radius of the first, nearby fuzzy search around the claim's old place (beyond the claim's length). */
const FUZZY_NEAR = 2_000;
/**
 * Cells (characters examined × 32-character pattern blocks) for all fuzzy searches after one edit: about
 * 20 ms on a slow, shared core at the ~17 ns a cell measured on prose (npm run bench, "fuzzy").
 */
export const EDIT_FUZZY_CELLS = 1_200_000;

/** A fresh budget for one pass over a document's annotations. */
export function editBudget(): FuzzyBudget {
  return fuzzyBudget(EDIT_FUZZY_CELLS);
}

/** How well the text around [start, end) agrees with the selector's prefix and suffix, 0…1. */
function contextAgreement(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  let before = 0;
  while (before < quote.prefix.length && text[start - 1 - before] === quote.prefix[quote.prefix.length - 1 - before]) before++;
  let after = 0;
  while (after < quote.suffix.length && text[end + after] === quote.suffix[after]) after++;
  const total = quote.prefix.length + quote.suffix.length;
  return total === 0 ? 1 : (before + after) / total;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

export function reanchor(annotation: Annotation, documentText: string, options: ReanchorOptions = {}): Reanchored {
  const quote = quoteSelector(annotation);
  const position = positionSelector(annotation);
  const exact = quote.exact;
  if (!exact) return { status: 'orphan' };
  // Every copy of the claim in the text: a scan of the whole text, so only when a cheaper test cannot decide.
  let allHits: number[] | undefined;
  const everyHit = () => (allHits ??= occurrences(documentText, exact));
  // 1. Position: the claim's text is still where it was, and no other copy fits the context better.
  if (documentText.slice(position.start, position.end) === exact) {
    const here = contextAgreement(documentText, position.start, position.end, quote);
    if (here === 1 || everyHit().every((at) => at === position.start || contextAgreement(documentText, at, at + exact.length, quote) <= here)) {
      return { status: 'anchored', method: 'position', start: position.start, end: position.end, score: 1 };
    }
  } else {
    // 1b. The expected shift: what step 2 would choose when the copy there has the full context and no
    // other full-context copy is as near to the old position (only those could win step 2's tie-break).
    const shifted = shiftedHit(documentText, exact, quote, position.start, options.expectedShift);
    if (shifted !== undefined) return { status: 'anchored', method: 'quote', start: shifted, end: shifted + exact.length, score: 1 };
  }
  // 2. Exact quote, best context first, then nearest to where it was.
  const hits = everyHit();
  if (hits.length > 0) {
    let best = hits[0]!;
    let bestScore = -1;
    for (const at of hits) {
      const score = contextAgreement(documentText, at, at + exact.length, quote);
      if (score > bestScore || (score === bestScore && Math.abs(at - position.start) < Math.abs(best - position.start))) {
        best = at;
        bestScore = score;
      }
    }
    return { status: 'anchored', method: 'quote', start: best, end: best + exact.length, score: 1 };
  }
  // 3. Fuzzy: the claim was edited a little. Centred on the old place, not the expected shift, so that the
  // shift stays a mere hint (see above).
  const minScore = options.minFuzzyScore ?? 0.75;
  const found = fuzzyNear(documentText, exact, minScore, position.start, options.fuzzyBudget);
  if (found && found.end > found.start) {
    const score = 1 - found.distance / found.compared;
    if (score >= minScore) return { status: 'anchored', method: 'fuzzy', ...snapToContext(documentText, found.start, found.end, quote), score };
  }
  return { status: 'orphan' };
}

/**
 * The claim's closest approximate match near its old place: first in a window of FUZZY_NEAR characters
 * around it, then in one of FUZZY_TEXT_LIMIT, each only if the budget still covers it. A claim longer
 * than half the limit is not looked for fuzzily at all.
 */
function fuzzyNear(text: string, exact: string, minScore: number, around: number, budget: FuzzyBudget | undefined): FuzzyMatch | undefined {
  if (exact.length > FUZZY_TEXT_LIMIT / 2) return undefined;
  const patternLength = Math.min(exact.length, FUZZY_PATTERN_CAP);
  for (const width of [Math.min(FUZZY_TEXT_LIMIT, 2 * (FUZZY_NEAR + exact.length)), FUZZY_TEXT_LIMIT]) {
    const { from, to } = windowAround(text.length, around + exact.length / 2, width);
    // A capped claim's head is half the cap: the other half of this estimate pays for its tail searches.
    if (budget && budget.remaining < searchCost(to - from, patternLength)) return undefined;
    const found = fuzzyFindCapped(text.slice(from, to), exact, 1 - minScore, FUZZY_PATTERN_CAP, budget);
    if (found) return { ...found, start: found.start + from, end: found.end + from };
    if (from === 0 && to === text.length) return undefined; // the nearby search already saw the whole text
  }
  return undefined;
}

/** [from, to) of at most `width` characters of a text of `length`, centred on `centre` where the text allows. */
function windowAround(length: number, centre: number, width: number): { from: number; to: number } {
  if (width >= length) return { from: 0, to: length };
  const from = Math.max(0, Math.min(length - width, Math.round(centre - width / 2)));
  return { from, to: from + width };
}

function shiftedHit(text: string, exact: string, quote: TextQuoteSelector, old: number, shift: number | undefined): number | undefined {
  if (!shift) return undefined;
  const at = old + shift;
  if (at < 0 || !text.startsWith(exact, at) || contextAgreement(text, at, at + exact.length, quote) !== 1) return undefined;
  // Step 2 picks, among full-context copies, the nearest to `old` (the first of equals): every rival lies
  // within |shift| of it.
  const from = Math.max(0, old - Math.abs(shift));
  const window = text.slice(from, old + Math.abs(shift) + exact.length);
  for (let hit = window.indexOf(exact); hit >= 0; hit = window.indexOf(exact, hit + 1)) {
    if (from + hit !== at && contextAgreement(text, from + hit, from + hit + exact.length, quote) === 1) return undefined;
  }
  return at;
}

/**
 * A fuzzy match's edges are where the fewest edits put them, which can cut a word the person inserted
 * in half ("RLAIF roughly…" found as "ughly…"). Where the stored context still sits right next to the
 * match, move the edge to it.
 */
function snapToContext(text: string, start: number, end: number, quote: TextQuoteSelector): { start: number; end: number } {
  const reach = Math.max(8, Math.ceil(quote.exact.length / 4));
  const tail = quote.prefix.slice(-12);
  if (tail.length >= 4) {
    let best: number | undefined;
    for (let at = text.indexOf(tail, Math.max(0, start - reach - tail.length)); at >= 0 && at + tail.length <= start + reach; at = text.indexOf(tail, at + 1)) {
      const edge = at + tail.length;
      if (edge < end && (best === undefined || Math.abs(edge - start) < Math.abs(best - start))) best = edge;
    }
    if (best !== undefined) start = best;
  }
  const head = quote.suffix.slice(0, 12);
  if (head.length >= 4) {
    let best: number | undefined;
    for (let at = text.indexOf(head, Math.max(start + 1, end - reach)); at >= 0 && at <= end + reach; at = text.indexOf(head, at + 1)) {
      if (best === undefined || Math.abs(at - end) < Math.abs(best - end)) best = at;
    }
    if (best !== undefined) end = best;
  }
  return { start, end };
}

/**
 * The annotation moved to where `reanchor` found it, with fresh selectors (so the next re-anchoring starts
 * from today's text). Returns the same object when nothing changed, so callers can tell whether to save.
 */
export function moveTo(annotation: Annotation, documentText: string, start: number, end: number, now = new Date()): Annotation {
  const [quote, position] = annotation.target.selector;
  const next = selectorsFor(documentText, start, end);
  if (position.start === start && position.end === end && quote.exact === next[0].exact && quote.prefix === next[0].prefix && quote.suffix === next[0].suffix) return annotation;
  return { ...annotation, target: { ...annotation.target, selector: next }, modified: now.toISOString() };
}
