import { matchKey } from './normalize';
import type { PageText } from './pageText';

export type QuoteStatus = { status: 'found'; page: number } | { status: 'found-elsewhere'; page: number } | { status: 'not-found' };

/** Where a quote is in a PDF's pages: at the stated page, on another page, or nowhere. */
export function locateQuote(pages: readonly PageText[], quote: string, statedPage: number): QuoteStatus {
  const needle = matchKey(quote);
  const keys = pages.map((page) => matchKey(page.text));
  if (keys[statedPage - 1]?.includes(needle)) return { status: 'found', page: statedPage };
  const other = keys.findIndex((key) => key.includes(needle));
  return other >= 0 ? { status: 'found-elsewhere', page: other + 1 } : { status: 'not-found' };
}
