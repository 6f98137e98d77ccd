// The excerpt panel's status line, written by the host and sent with the view (webviews import types only).
import { englishTexts, say } from '../l10n/displayText';
import type { ExcerptFound } from './excerptView';

/** Whole sentences, so that a translation can put the page, the score and the case where its grammar wants. */
export const EXCERPT_STATUS_TEXT = englishTexts({
  notFound: 'Not found in this PDF. The corpus states page {0}; the quote is listed below as stored.',
  foundOnPage: 'Found on page {0}',
  foundOnPages: 'Found on pages {0}–{1}',
  approximatelyOnPage: 'Found approximately (score {1}) on page {0}',
  approximatelyOnPages: 'Found approximately (score {2}) on pages {0}–{1}',
  asStated: '{0}, as the corpus states',
  notAsStated: '{0}, not on page {1} as the corpus states',
  fuzzy: '{0}. The PDF’s words differ from the stored quote in a few places: compare them below.',
  normalized: '{0} (matched after normalising ligatures, hyphens, quotes and case).',
  exact: '{0}.',
});
export type ExcerptStatusTexts = typeof EXCERPT_STATUS_TEXT;

/** Where the quote was found: "Found on page 2", or "… on pages 11–12" for a quote across a page break. */
function foundWhere(view: Omit<ExcerptFound, 'statusText'>, texts: ExcerptStatusTexts): string {
  const pages = [...new Set(view.parts.map((part) => part.page))];
  const across = pages.length > 1;
  if (view.method !== 'fuzzy') return across ? say(texts, 'foundOnPages', pages[0]!, pages[pages.length - 1]!) : say(texts, 'foundOnPage', view.page);
  const score = new Intl.NumberFormat(texts.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(view.score);
  return across ? say(texts, 'approximatelyOnPages', pages[0]!, pages[pages.length - 1]!, score) : say(texts, 'approximatelyOnPage', view.page, score);
}

/**
 * The status line of the excerpt panel. A fuzzy match says "Found approximately" with its score, so that
 * nobody takes a near miss for the paper's words; a quote across a page break names both pages.
 */
export function excerptStatusText(view: Omit<ExcerptFound, 'statusText'>, texts: ExcerptStatusTexts = EXCERPT_STATUS_TEXT): string {
  const stated = view.target.page;
  if (view.status === 'not-found') return say(texts, 'notFound', stated);
  const where = foundWhere(view, texts);
  const sentence = view.status === 'found-elsewhere' ? say(texts, 'notAsStated', where, stated) : say(texts, 'asStated', where);
  if (view.method === 'fuzzy') return say(texts, 'fuzzy', sentence);
  if (view.method === 'normalized') return say(texts, 'normalized', sentence);
  return say(texts, 'exact', sentence);
}
