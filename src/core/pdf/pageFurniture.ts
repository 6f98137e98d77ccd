import type { PageItem, PageLayout } from './textModel';

/**
 * Page furniture: text a PDF prints on a page that is not part of its running text — the page number at
 * the foot (or head) of the page, arXiv's vertical margin stamp, and a running head repeated at the top
 * of most pages ("RLAIF vs. RLHF"). A paragraph must not end with it ("… acceptable. 12"), and a quote
 * running across a page break must be matched as if it were not there.
 */

const PAGE_NUMBER = /^(?:\d{1,4}|[ivxlcdm]{1,7})$/i;
const ARXIV_STAMP = /^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s*\[/;
/** Distance in points within which two baselines count as the same height on the page. */
const SAME_Y = 2;

function nonBlank(page: PageLayout): PageItem[] {
  return page.items.filter((item) => item.str.trim() !== '');
}

/** Whether `item` is the only text on its line of the page text (the line runs between "\n"s). */
function aloneOnLine(page: PageLayout, item: PageItem): boolean {
  const lineStart = page.text.lastIndexOf('\n', item.start - 1) + 1;
  const newline = page.text.indexOf('\n', item.end);
  const lineEnd = newline < 0 ? page.text.length : newline;
  return page.text.slice(lineStart, item.start).trim() === '' && page.text.slice(item.end, lineEnd).trim() === '';
}

/**
 * The page's first phrase: its first item and the items that follow it on the same baseline with no more
 * than an em between them. pdf.js gives a running head as one item, PDFium as one item per word; a page
 * number printed far off on the same line is not part of the phrase.
 */
function leadingPhrase(page: PageLayout, items: readonly PageItem[]): { readonly items: PageItem[]; readonly text: string } {
  const phrase = [items[0]!];
  for (const item of items.slice(1)) {
    const previous = phrase[phrase.length - 1]!;
    const gap = item.x - (previous.x + previous.width);
    const sameLine = Math.abs(item.y - previous.y) <= SAME_Y && !page.text.slice(previous.end, item.start).includes('\n');
    if (!sameLine || gap > Math.max(previous.height, 1)) break;
    phrase.push(item);
  }
  const text = page.text.slice(phrase[0]!.start, phrase[phrase.length - 1]!.end).replace(/\s+/g, ' ').trim();
  return { items: phrase, text };
}

/**
 * The running head of a document: the text of the top-most phrase, when at least three pages and two in
 * five start with the same phrase at the same height. Undefined when there is none.
 */
export function runningHead(pages: readonly PageLayout[]): string | undefined {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const items = nonBlank(page);
    if (items.length === 0) continue;
    const top = Math.max(...items.map((item) => item.y));
    const first = items[0]!;
    if (Math.abs(first.y - top) > SAME_Y) continue;
    const key = `${leadingPhrase(page, items).text}@${Math.round(first.y)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  if (!best || best[1] < Math.max(3, 0.4 * pages.length)) return undefined;
  return best[0].slice(0, best[0].lastIndexOf('@'));
}

/** The page's furniture items: its page number, arXiv stamp and (given the document's) running head. */
export function furnitureItems(page: PageLayout, head?: string): Set<PageItem> {
  const items = nonBlank(page);
  const furniture = new Set<PageItem>();
  if (items.length === 0) return furniture;
  const ys = items.map((item) => item.y);
  const top = Math.max(...ys);
  const bottom = Math.min(...ys);
  const atEdge = (item: PageItem) => Math.abs(item.y - top) <= SAME_Y || Math.abs(item.y - bottom) <= SAME_Y;
  for (const item of items) {
    const text = item.str.trim();
    if (ARXIV_STAMP.test(text) && aloneOnLine(page, item)) furniture.add(item);
    else if (PAGE_NUMBER.test(text) && atEdge(item) && aloneOnLine(page, item)) furniture.add(item);
  }
  if (head !== undefined && Math.abs(items[0]!.y - top) <= SAME_Y) {
    const phrase = leadingPhrase(page, items);
    if (phrase.text === head) for (const item of phrase.items) furniture.add(item);
  }
  return furniture;
}

/**
 * The raw range [start, end) of the page text between its leading and trailing furniture: where a
 * sentence that runs across a page break ends on this page (`end`) and goes on from the next (`start`).
 */
export function bodyRange(page: PageLayout, head?: string): { start: number; end: number } {
  const furniture = furnitureItems(page, head);
  const items = nonBlank(page);
  let first = 0;
  while (first < items.length && furniture.has(items[first]!)) first++;
  let last = items.length - 1;
  while (last >= first && furniture.has(items[last]!)) last--;
  if (first > last) return { start: 0, end: 0 };
  return { start: items[first]!.start, end: items[last]!.end };
}
