import { anchorQuote, type QuoteAnchor } from './anchor';
import { readableQuote } from './normalize';
import type { PageLayout } from './textModel';

export type SelectedQuote =
  | { readonly ok: true; readonly quote: string; readonly page: number; readonly anchor: QuoteAnchor }
  | { readonly ok: false; readonly reason: 'too-short' | 'not-on-page' | 'does-not-verify'; readonly message: string };

/** Shorter selections match too many places to be evidence of anything. */
const MIN_QUOTE_LENGTH = 12;

/**
 * Turns text a person selected in a page's text layer into a quote that verifies: the selection is found
 * in the extracted text of that page, and the quote is that page's own text for the match (so it is
 * verbatim even when the text layer's selection joined lines or spans differently), made readable
 * (readableQuote), and checked once more with the same anchoring the verifier uses.
 */
export function quoteFromSelection(pages: readonly PageLayout[], pageNumber: number, selected: string): SelectedQuote {
  const wanted = selected.replace(/\s+/g, ' ').trim();
  if (wanted.length < MIN_QUOTE_LENGTH) return { ok: false, reason: 'too-short', message: `Select a longer passage (at least ${MIN_QUOTE_LENGTH} characters): a few words match too many places.` };
  const page = pages.find((candidate) => candidate.page === pageNumber);
  const found = page ? anchorQuote([page], { exact: wanted, page: pageNumber }) : undefined;
  if (!page || !found || found.status !== 'found') {
    return { ok: false, reason: 'not-on-page', message: `The selected text was not found in the text of page ${pageNumber} as extracted. A selection across columns, or over a figure or formula, does not read in order: select a passage within one column.` };
  }
  const quote = readableQuote(page.text.slice(found.start, found.end));
  const anchor = anchorQuote(pages, { exact: quote, page: pageNumber });
  if (anchor.status !== 'found') {
    return { ok: false, reason: 'does-not-verify', message: `The passage from page ${pageNumber} would not verify (${anchor.status === 'found-elsewhere' ? `it is matched on page ${anchor.page} first` : 'it cannot be found again'}); select a longer passage.` };
  }
  return { ok: true, quote, page: pageNumber, anchor };
}
