// The excerpt panel's status line, written by the host and sent with the view (webviews import types only).
import type { ExcerptFound } from './excerptView';

/** "page 2", or "pages 11–12" for a quote across a page break. */
function pagesOf(view: Omit<ExcerptFound, 'statusText'>): string {
  const pages = [...new Set(view.parts.map((part) => part.page))];
  return pages.length > 1 ? `pages ${pages[0]}–${pages[pages.length - 1]}` : `page ${view.page}`;
}

/**
 * The status line of the excerpt panel. A fuzzy match says "Found approximately" with its score, so that
 * nobody takes a near miss for the paper's words; a quote across a page break names both pages.
 */
export function excerptStatusText(view: Omit<ExcerptFound, 'statusText'>): string {
  const stated = view.target.page;
  if (view.status === 'not-found') return `Not found in this PDF. The corpus states page ${stated}; the quote is listed below as stored.`;
  const found = view.method === 'fuzzy' ? `Found approximately (score ${view.score.toFixed(2)})` : 'Found';
  const where = `${found} on ${pagesOf(view)}`;
  const claim = view.status === 'found-elsewhere' ? `, not on page ${stated} as the corpus states` : ', as the corpus states';
  const sentence = `${where}${claim}`;
  if (view.method === 'fuzzy') return `${sentence}. The PDF’s words differ from the stored quote in a few places: compare them below.`;
  if (view.method === 'normalized') return `${sentence} (matched after normalising ligatures, hyphens, quotes and case).`;
  return `${sentence}.`;
}
