import { fuzzyFind } from './fuzzySearch';
import { collapseWhitespaceMapped, matchKey, matchKeyMapped, rawRange, type MappedText } from './normalize';
import { paragraphAround } from './paragraph';
import type { PageLayout, TextBox } from './textModel';

/**
 * A quote to find, in the spirit of the W3C TextQuoteSelector: the exact text, optionally a little text
 * before and after it to choose between repeats, and the page it is said to be on (a hint, 1-based).
 */
export interface QuoteSelector {
  readonly exact: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly page?: number;
}

export type AnchorStatus = 'found' | 'found-elsewhere' | 'not-found';
/** exact: verbatim up to whitespace; normalized: also ligatures, hyphenation, quotes, dashes, case; fuzzy: a few edits. */
export type AnchorMethod = 'exact' | 'normalized' | 'fuzzy';

export interface QuoteAnchor {
  readonly status: AnchorStatus;
  /** Where it was found; for not-found, the stated page (or null without one). */
  readonly page: number | null;
  readonly method: AnchorMethod | null;
  /** 1 for exact and normalised matches; 1 − edits/length for fuzzy ones; the best seen for not-found. */
  readonly score: number;
  /** The quote's boxes on the page, in PDF user space (see textModel.ts), one per item piece. */
  readonly rects: TextBox[];
  /** The paragraph containing the quote, normalised for reading; '' when not found. */
  readonly paragraph: string;
  /** The match in the page's raw text, [start, end); -1 when not found. */
  readonly start: number;
  readonly end: number;
}

export interface AnchorOptions {
  /** Fuzzy matches below this similarity are not accepted. Default 0.85 (≈ 1 wrong character in 7). */
  readonly minFuzzyScore?: number;
}

interface PageIndex {
  readonly collapsed: MappedText;
  readonly key: MappedText;
}

// Normalising a page costs far more than searching it; pages are immutable, so do it once per page.
const pageIndexes = new WeakMap<PageLayout, PageIndex>();

function indexOf(page: PageLayout): PageIndex {
  let index = pageIndexes.get(page);
  if (!index) {
    index = { collapsed: collapseWhitespaceMapped(page.text), key: matchKeyMapped(page.text) };
    pageIndexes.set(page, index);
  }
  return index;
}

interface Match {
  readonly page: PageLayout;
  readonly method: AnchorMethod;
  readonly score: number;
  /** Raw offsets in the page text. */
  readonly start: number;
  readonly end: number;
}

/** How well the text around an occurrence agrees with the selector's prefix and suffix (0…2). */
function contextScore(haystack: string, start: number, end: number, prefix: string, suffix: string): number {
  // Prefix and suffix arrive trimmed; step over the one space that separates them from the match.
  if (haystack[start - 1] === ' ') start--;
  if (haystack[end] === ' ') end++;
  let before = 0;
  while (before < prefix.length && haystack[start - 1 - before] === prefix[prefix.length - 1 - before]) before++;
  let after = 0;
  while (after < suffix.length && haystack[end + after] === suffix[after]) after++;
  return (prefix ? before / prefix.length : 0) + (suffix ? after / suffix.length : 0);
}

/** Every occurrence of `needle` in a mapped page text; the one whose context fits the selector best. */
function findOccurrence(page: PageLayout, mapped: MappedText, needle: string, context: { prefix: string; suffix: string }, method: AnchorMethod): Match | undefined {
  if (!needle) return undefined;
  let best: { at: number; score: number } | undefined;
  for (let at = mapped.text.indexOf(needle); at >= 0; at = mapped.text.indexOf(needle, at + 1)) {
    const score = contextScore(mapped.text, at, at + needle.length, context.prefix, context.suffix);
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return undefined;
  return { page, method, score: 1, ...rawRange(mapped, best.at, best.at + needle.length) };
}

function findExactOrNormalized(page: PageLayout, selector: QuoteSelector): Match | undefined {
  const index = indexOf(page);
  const collapse = (text = '') => collapseWhitespaceMapped(text).text;
  const exact = findOccurrence(page, index.collapsed, collapse(selector.exact), { prefix: collapse(selector.prefix), suffix: collapse(selector.suffix) }, 'exact');
  if (exact) return exact;
  const key = (text = '') => matchKey(text);
  return findOccurrence(page, index.key, key(selector.exact), { prefix: key(selector.prefix), suffix: key(selector.suffix) }, 'normalized');
}

function findFuzzy(page: PageLayout, needle: string, minScore: number): Match | undefined {
  const mapped = indexOf(page).key;
  const found = fuzzyFind(mapped.text, needle, Math.floor(needle.length * (1 - minScore)));
  if (!found || found.end <= found.start) return undefined;
  return { page, method: 'fuzzy', score: 1 - found.distance / needle.length, ...rawRange(mapped, found.start, found.end) };
}

/** The stated page first, then the others nearest first (a quote off by one page is the common slip). */
function pagesByDistance(pages: readonly PageLayout[], hint: number | undefined): PageLayout[] {
  if (hint === undefined) return [...pages];
  return [...pages].sort((a, b) => Math.abs(a.page - hint) - Math.abs(b.page - hint) || a.page - b.page);
}

/** The boxes covering raw range [start, end): whole items, or the covered share of an item's width. */
export function rectsForRange(page: PageLayout, start: number, end: number): TextBox[] {
  const rects: TextBox[] = [];
  for (const item of page.items) {
    if (item.end <= start || item.start >= end || item.str.trim() === '') continue;
    const length = Math.max(1, item.end - item.start);
    const from = (Math.max(start, item.start) - item.start) / length;
    const to = (Math.min(end, item.end) - item.start) / length;
    // Room for descenders below the baseline, so a highlight covers the whole line of text.
    rects.push({ x: item.x + item.width * from, y: item.y - item.height * 0.2, width: item.width * (to - from), height: item.height * 1.2 });
  }
  return rects;
}

/**
 * Finds a quote in a document's pages: exact, then normalised, then fuzzy; the stated page before the
 * others. A quote that cannot be found comes back as `not-found` (never dropped) with the best score seen.
 */
export function anchorQuote(pages: readonly PageLayout[], selector: QuoteSelector, options: AnchorOptions = {}): QuoteAnchor {
  const ordered = pagesByDistance(pages, selector.page);
  let match: Match | undefined;
  for (const page of ordered) if ((match = findExactOrNormalized(page, selector))) break;
  if (!match) {
    const needle = matchKey(selector.exact);
    const minScore = options.minFuzzyScore ?? 0.85;
    for (const page of ordered) {
      const candidate = findFuzzy(page, needle, minScore);
      if (candidate && (!match || candidate.score > match.score)) match = candidate;
      if (match?.page.page === selector.page) break; // a good enough match at the stated page wins
    }
  }
  if (!match) return { status: 'not-found', page: selector.page ?? null, method: null, score: 0, rects: [], paragraph: '', start: -1, end: -1 };
  const status: AnchorStatus = selector.page === undefined || match.page.page === selector.page ? 'found' : 'found-elsewhere';
  return {
    status,
    page: match.page.page,
    method: match.method,
    score: match.score,
    rects: rectsForRange(match.page, match.start, match.end),
    paragraph: paragraphAround(match.page, match.start, match.end),
    start: match.start,
    end: match.end,
  };
}
