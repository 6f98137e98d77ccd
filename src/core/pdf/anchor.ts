import { fuzzyFindAll, type FuzzyBudget } from './fuzzySearch';
import { collapseWhitespaceMapped, matchKey, matchKeyMapped, normalizeText, rawRange, type MappedText } from './normalize';
import { bodyRange, runningHead } from './pageFurniture';
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

/** The piece of a quote on one page: a quote running across a page break has two. */
export interface AnchorPart {
  readonly page: number;
  /** The piece's boxes on its page, in PDF user space (see textModel.ts), one per item piece. */
  readonly rects: TextBox[];
  /** The piece in the page's raw text, [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface QuoteAnchor {
  /** found: on the stated page (or on one of the pages it runs across); found-elsewhere: on another page. */
  readonly status: AnchorStatus;
  /** Where it was found (its first page); for not-found, the stated page (or null without one). */
  readonly page: number | null;
  readonly method: AnchorMethod | null;
  /** 1 for exact and normalised matches; 1 − edits/length for fuzzy ones; 0 for not-found. */
  readonly score: number;
  /** The quote's boxes on `page` (the first part's). */
  readonly rects: TextBox[];
  /** The paragraph containing the quote (both paragraphs, joined, across a page break), normalised for reading; '' when not found. */
  readonly paragraph: string;
  /** The match in the raw text of `page` (the first part), [start, end); -1 when not found. */
  readonly start: number;
  readonly end: number;
  /** Every page the quote is on, in reading order: one part, or two across a page break; [] when not found. */
  readonly parts: readonly AnchorPart[];
  /** What the PDF says where the quote was found (the parts' text, normalised for reading); '' when not found. */
  readonly matched: string;
}

export interface AnchorOptions {
  /** Fuzzy matches below this similarity are not accepted. Default 0.85 (≈ 1 wrong character in 7). */
  readonly minFuzzyScore?: number;
  /** Counts (and, when it runs out, stops) the fuzzy step's work; see fuzzySearch.ts. */
  readonly fuzzyBudget?: FuzzyBudget;
  /** Only verbatim matches (exact or normalised, on a page or across a break): no fuzzy step. */
  readonly verbatimOnly?: boolean;
}

/** Fuzzy matches below this similarity are not accepted: ≈ 1 wrong character in 7. */
export const MIN_FUZZY_SCORE = 0.85;

/**
 * Longest quote (in matching form) looked for fuzzily: about a page. A longer one cannot sit on one page
 * or across one page break, and its search would cost O(document × length / 32) for nothing; it is still
 * found when it is there verbatim.
 */
export const MAX_FUZZY_QUOTE = 6000;

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

/** A match: one raw range per page it covers. */
interface Match {
  readonly method: AnchorMethod;
  readonly score: number;
  readonly pieces: readonly { readonly page: PageLayout; readonly start: number; readonly end: number }[];
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
  return { method, score: 1, pieces: [{ page, ...rawRange(mapped, best.at, best.at + needle.length) }] };
}

/** The two forms a quote is compared in: whitespace collapsed (exact), and the looser match key (normalized). */
const FORMS = [
  { method: 'exact', of: (index: PageIndex) => index.collapsed, needle: (text = '') => collapseWhitespaceMapped(text).text },
  { method: 'normalized', of: (index: PageIndex) => index.key, needle: (text = '') => matchKey(text) },
] as const;

/** The selector in one form, normalised once per anchoring (a 120 KB quote costs seconds per page otherwise). */
interface FormNeedle {
  readonly method: AnchorMethod;
  readonly of: (index: PageIndex) => MappedText;
  readonly exact: string;
  readonly context: { readonly prefix: string; readonly suffix: string };
}

function needlesOf(selector: QuoteSelector): FormNeedle[] {
  return FORMS.map((form) => ({ method: form.method, of: form.of, exact: form.needle(selector.exact), context: { prefix: form.needle(selector.prefix), suffix: form.needle(selector.suffix) } }));
}

function findExactOrNormalized(page: PageLayout, needles: readonly FormNeedle[]): Match | undefined {
  const index = indexOf(page);
  for (const needle of needles) {
    const found = findOccurrence(page, needle.of(index), needle.exact, needle.context, needle.method);
    if (found) return found;
  }
  return undefined;
}

/** The stated page first, then the others nearest first (a quote off by one page is the common slip). */
function pagesByDistance(pages: readonly PageLayout[], hint: number | undefined): PageLayout[] {
  if (hint === undefined) return [...pages];
  return [...pages].sort((a, b) => Math.abs(a.page - hint) - Math.abs(b.page - hint) || a.page - b.page);
}

/** The mapped range [start, end) whose characters came from raw range [rawStart, rawEnd). */
function mappedRange(mapped: MappedText, rawStart: number, rawEnd: number): { start: number; end: number } {
  let start = 0;
  while (start < mapped.text.length && mapped.toRaw[start]! < rawStart) start++;
  let end = start;
  while (end < mapped.text.length && mapped.toRaw[end]! < rawEnd) end++;
  return { start, end };
}

/** A page's body (furniture left out) in one mapped form, with where it sits in that form's page text. */
interface BodyText {
  readonly page: PageLayout;
  readonly mapped: MappedText;
  /** Offset of `text` in `mapped.text`. */
  readonly offset: number;
  readonly text: string;
}

// A page's body in each form, per running head: computed once per page, like its index.
const bodyTexts = new WeakMap<PageLayout, Map<string, BodyText>>();

function bodyText(page: PageLayout, form: AnchorMethod, head: string | undefined): BodyText {
  let byForm = bodyTexts.get(page);
  if (!byForm) bodyTexts.set(page, (byForm = new Map()));
  const key = `${form}\u0000${head ?? ''}`;
  let body = byForm.get(key);
  if (!body) {
    const mapped = form === 'exact' ? indexOf(page).collapsed : indexOf(page).key;
    const raw = bodyRange(page, head);
    const range = mappedRange(mapped, raw.start, raw.end);
    body = { page, mapped, offset: range.start, text: mapped.text.slice(range.start, range.end) };
    byForm.set(key, body);
  }
  return body;
}

const runningHeads = new WeakMap<readonly PageLayout[], { readonly head: string | undefined }>();

function runningHeadOf(pages: readonly PageLayout[]): string | undefined {
  let known = runningHeads.get(pages);
  if (!known) runningHeads.set(pages, (known = { head: runningHead(pages) }));
  return known.head;
}

/** Whether mapped offset `at` of a body starts a line of its page (a continuation starts a line). */
function startsLine(body: BodyText, at: number): boolean {
  if (at === 0) return true;
  const raw = body.mapped.toRaw[body.offset + at]!;
  return body.page.text.slice(body.page.text.lastIndexOf('\n', raw - 1) + 1, raw).trim() === '';
}

/**
 * A quote that begins at the end of one page's body and goes on at the start of a line of the next (the
 * top of the page, or below a figure placed first): the longest such split.
 */
function splitAcrossBreak(first: BodyText, next: BodyText, needle: string, method: AnchorMethod): Match['pieces'] | undefined {
  const ending = first.text.trimEnd();
  if (!needle || ending.length === 0 || needle.length > ending.length + next.text.length + 1) return undefined;
  // The page break separates two words, unless the page ends with a hyphenated word (normalised form only).
  const hyphenated = method === 'normalized' && first.page.text[first.mapped.toRaw[first.offset + ending.length - 1]! + 1] === '-';
  for (let split = Math.min(needle.length - 1, ending.length); split >= 1; split--) {
    if (needle[split - 1] !== ending[ending.length - 1] || !ending.endsWith(needle.slice(0, split))) continue;
    // The quote's beginning must begin a word on the page: a few letters that merely end it prove nothing.
    if (split < ending.length && ending[ending.length - split - 1] !== ' ') continue;
    if (needle[split] !== ' ' && !hyphenated) continue;
    const rest = needle.slice(split).trimStart();
    if (!rest) continue;
    for (let at = next.text.indexOf(rest); at >= 0; at = next.text.indexOf(rest, at + 1)) {
      if (!startsLine(next, at)) continue;
      const head = rawRange(first.mapped, first.offset + ending.length - split, first.offset + ending.length);
      const tail = rawRange(next.mapped, next.offset + at, next.offset + at + rest.length);
      return [
        { page: first.page, ...head },
        { page: next.page, ...tail },
      ];
    }
  }
  return undefined;
}

function findAcrossBreak(pages: readonly PageLayout[], ordered: readonly PageLayout[], needles: readonly FormNeedle[], head: string | undefined): Match | undefined {
  const position = new Map(pages.map((page, index) => [page, index]));
  for (const needle of needles) {
    for (const page of ordered) {
      const next = pages[position.get(page)! + 1];
      if (!next) continue;
      const pieces = splitAcrossBreak(bodyText(page, needle.method, head), bodyText(next, needle.method, head), needle.exact, needle.method);
      if (pieces) return { method: needle.method, score: 1, pieces };
    }
  }
  return undefined;
}

/** Page bodies in matching form joined by one space: text a fuzzy search can cross page breaks in. */
interface JoinedBodies {
  readonly text: string;
  readonly bodies: readonly (BodyText & { readonly at: number })[];
}

function joinBodies(pages: readonly PageLayout[], head: string | undefined): JoinedBodies {
  const bodies: (BodyText & { at: number })[] = [];
  let at = 0;
  for (const page of pages) {
    const body = bodyText(page, 'normalized', head);
    bodies.push({ ...body, at });
    at += body.text.length + 1;
  }
  return { text: bodies.map((body) => body.text).join(' '), bodies };
}

const joinedDocuments = new WeakMap<readonly PageLayout[], { readonly head: string | undefined; readonly joined: JoinedBodies }>();

/** All page bodies joined, once per document. */
function wholeDocument(pages: readonly PageLayout[], head: string | undefined): JoinedBodies {
  let known = joinedDocuments.get(pages);
  if (!known || known.head !== head) joinedDocuments.set(pages, (known = { head, joined: joinBodies(pages, head) }));
  return known.joined;
}

/** The raw range on each page that joined range [start, end) covers. */
function piecesOf(joined: JoinedBodies, start: number, end: number): Match['pieces'] {
  const pieces: { page: PageLayout; start: number; end: number }[] = [];
  for (const body of joined.bodies) {
    const from = Math.max(start, body.at);
    const to = Math.min(end, body.at + body.text.length);
    if (to <= from || body.text.slice(from - body.at, to - body.at).trim() === '') continue;
    pieces.push({ page: body.page, ...rawRange(body.mapped, body.offset + from - body.at, body.offset + to - body.at) });
  }
  return pieces;
}

/**
 * The closest approximate match, at most `1 − minScore` edits per character: on the stated page (running
 * onto the next) if there is one there, else anywhere, nearest the stated page among equals.
 */
function findFuzzy(pages: readonly PageLayout[], selector: QuoteSelector, needle: string, minScore: number, head: string | undefined, budget: FuzzyBudget | undefined): Match | undefined {
  if (!needle || needle.length > MAX_FUZZY_QUOTE) return undefined;
  const maxEdits = Math.floor(needle.length * (1 - minScore));
  const toMatch = (joined: JoinedBodies, found: { start: number; end: number; distance: number }): Match => ({ method: 'fuzzy', score: 1 - found.distance / needle.length, pieces: piecesOf(joined, found.start, found.end) });
  const stated = pages.findIndex((page) => page.page === selector.page);
  if (stated >= 0) {
    const window = joinBodies(pages.slice(stated, stated + 2), head);
    const onStatedPage = fuzzyFindAll(window.text, needle, maxEdits, budget).find((found) => found.start < window.bodies[0]!.text.length);
    if (onStatedPage) return toMatch(window, onStatedPage);
  }
  const joined = wholeDocument(pages, head);
  const distanceToHint = (match: Match) => (selector.page === undefined ? 0 : Math.abs(match.pieces[0]!.page.page - selector.page));
  let best: Match | undefined;
  for (const found of fuzzyFindAll(joined.text, needle, maxEdits, budget)) {
    const match = toMatch(joined, found);
    if (match.pieces.length > 0 && (!best || distanceToHint(match) < distanceToHint(best))) best = match;
  }
  return best;
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
 * Finds a quote in a document's pages: exact, then normalised, on one page (the stated page first), then
 * across a page break, then fuzzy. A quote that cannot be found comes back as `not-found` (never dropped).
 */
export function anchorQuote(pages: readonly PageLayout[], selector: QuoteSelector, options: AnchorOptions = {}): QuoteAnchor {
  const ordered = pagesByDistance(pages, selector.page);
  const needles = needlesOf(selector);
  let match: Match | undefined;
  for (const page of ordered) if ((match = findExactOrNormalized(page, needles))) break;
  if (!match) {
    const head = runningHeadOf(pages);
    match = findAcrossBreak(pages, ordered, needles, head);
    if (!match && !options.verbatimOnly) match = findFuzzy(pages, selector, needles[1]!.exact, options.minFuzzyScore ?? MIN_FUZZY_SCORE, head, options.fuzzyBudget);
  }
  if (!match) return { status: 'not-found', page: selector.page ?? null, method: null, score: 0, rects: [], paragraph: '', start: -1, end: -1, parts: [], matched: '' };
  const parts: AnchorPart[] = match.pieces.map(({ page, start, end }) => ({ page: page.page, rects: rectsForRange(page, start, end), start, end }));
  const first = parts[0]!;
  const atStatedPage = selector.page === undefined || parts.some((part) => part.page === selector.page);
  return {
    status: atStatedPage ? 'found' : 'found-elsewhere',
    page: first.page,
    method: match.method,
    score: match.score,
    rects: first.rects,
    paragraph: match.pieces.map(({ page, start, end }) => paragraphAround(page, start, end)).join(' '),
    start: first.start,
    end: first.end,
    parts,
    matched: match.pieces.map(({ page, start, end }) => normalizeText(page.text.slice(start, end))).join(' '),
  };
}

/**
 * How a match reads for a person: '' for an exact one, "found approximately (score 0.97)" for a fuzzy one,
 * so that nobody takes a near miss for the paper's words.
 */
export function matchQuality(anchor: Pick<QuoteAnchor, 'method' | 'score'>): string {
  if (anchor.method === 'fuzzy') return `found approximately (score ${anchor.score.toFixed(2)})`;
  if (anchor.method === 'normalized') return 'matched after normalising ligatures, hyphens, quotes and case';
  return '';
}
