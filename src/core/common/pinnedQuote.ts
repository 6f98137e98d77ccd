/**
 * A verbatim passage of a paper's pinned PDF version: what an annotation's evidence body, a claim's
 * evidence and an "Add to claim" choice all carry. Declared once so the four places agree on it.
 */
export interface PinnedQuote {
  readonly paper: string;
  /** The arXiv version the page refers to (the paper's pinned version). */
  readonly version: string;
  /** 1-based physical page of that version's PDF. */
  readonly page: number;
  readonly quote: string;
}

/** Only the passage's own fields (e.g. of an annotation's evidence body, without its W3C type fields). */
export function pinnedQuoteOf({ paper, version, page, quote }: PinnedQuote): PinnedQuote {
  return { paper, version, page, quote };
}

/** True for a value shaped like a pinned quote (a command argument from a webview or automation). */
export function isPinnedQuote(value: unknown): value is PinnedQuote {
  const candidate = value as Partial<PinnedQuote> | undefined;
  return typeof candidate?.paper === 'string' && typeof candidate.version === 'string' && typeof candidate.quote === 'string' && Number.isInteger(candidate.page);
}
