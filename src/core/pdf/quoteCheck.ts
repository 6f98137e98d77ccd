import { anchorQuote } from './anchor';
import type { PageLayout } from './textModel';

export type QuoteStatus = { status: 'found'; page: number } | { status: 'found-elsewhere'; page: number } | { status: 'not-found' };

/**
 * Where a quote is verbatim (up to ligatures, line-end hyphens, typographic quotes and case) in a PDF's
 * pages: at the stated page (also when it runs across a page break from or onto it), on another page, or
 * nowhere. A near miss is not verbatim: no fuzzy matching here.
 */
export function locateQuote(pages: readonly PageLayout[], quote: string, statedPage: number): QuoteStatus {
  const anchor = anchorQuote(pages, { exact: quote, page: statedPage }, { verbatimOnly: true });
  if (anchor.status === 'not-found' || anchor.page === null) return { status: 'not-found' };
  return anchor.status === 'found' ? { status: 'found', page: statedPage } : { status: 'found-elsewhere', page: anchor.page };
}
