import type { PageItem } from './textModel';

/** A text item as pdf.js's getTextContent gives it, flattened to what layout needs. */
export interface RawItem {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly hasEOL: boolean;
}

export interface LaidOutPage {
  readonly text: string;
  readonly items: PageItem[];
  readonly columnsReordered: boolean;
}

type Side = 'left' | 'right' | 'span';

/**
 * Joins a page's items into text in reading order.
 *
 * pdf.js returns items in content-stream order. On the papers we ship (LaTeX, one and two columns) that
 * order already reads column by column, and it is the only order that is right for tables, so it is kept.
 * Only a page that is clearly two columns of body text whose stream alternates between the columns line
 * by line (some generators do that) is re-ordered: full-width lines first in their band, then the left
 * column top to bottom, then the right.
 */
export function layoutPage(items: readonly RawItem[], view: readonly [number, number, number, number]): LaidOutPage {
  const middle = (view[0] + view[2]) / 2;
  if (!interleavesTwoColumns(items, middle)) return { ...joinItems(items), columnsReordered: false };
  return { ...joinItems(reorderColumns(items, middle)), columnsReordered: true };
}

function sideOf(item: RawItem, middle: number): Side {
  const slack = item.height * 0.5;
  if (item.x + item.width <= middle + slack) return 'left';
  if (item.x >= middle - slack) return 'right';
  return 'span';
}

const hasText = (item: RawItem) => item.str.trim().length > 0;

function interleavesTwoColumns(items: readonly RawItem[], middle: number): boolean {
  const text = items.filter(hasText);
  const sides = text.map((item) => sideOf(item, middle));
  const linesOf = (side: Side) => groupLines(text.filter((_, index) => sides[index] === side));
  const left = linesOf('left');
  const right = linesOf('right');
  if (Math.min(left.length, right.length) < 5) return false;
  const spanChars = text.reduce((sum, item, index) => sum + (sides[index] === 'span' ? item.str.length : 0), 0);
  const allChars = text.reduce((sum, item) => sum + item.str.length, 0);
  if (spanChars > allChars * 0.3) return false;
  // Column order switches sides a handful of times a page (figures, footnotes); interleaving, every line.
  let switches = 0;
  let previous: Side | undefined;
  for (const side of sides) {
    if (side === 'span') continue;
    if (previous && side !== previous) switches++;
    previous = side;
  }
  if (switches < Math.min(left.length, right.length) * 0.5) return false;
  // Two columns leave a clean gutter down the page; one column cut into words (a line's words alternate sides) does not.
  const em = medianOf(text.map((item) => item.height));
  if (Math.max(...left.map((line) => line.x1)) + em * 0.5 > Math.min(...right.map((line) => line.x0))) return false;
  // Body text lines fill their column; table cells do not (tables read row by row, which is right).
  return medianLineWidth(left) >= columnWidth(left, middle) * 0.6 && medianLineWidth(right) >= columnWidth(right, middle) * 0.6;
}

interface Line {
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
}

function groupLines(items: readonly RawItem[]): Line[] {
  const byBaseline = new Map<number, Line>();
  for (const item of items) {
    const key = Math.round(item.y);
    const line = byBaseline.get(key);
    byBaseline.set(key, { y: key, x0: Math.min(line?.x0 ?? Infinity, item.x), x1: Math.max(line?.x1 ?? -Infinity, item.x + item.width) });
  }
  return [...byBaseline.values()];
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function medianLineWidth(lines: readonly Line[]): number {
  return medianOf(lines.map((line) => line.x1 - line.x0));
}

function columnWidth(lines: readonly Line[], middle: number): number {
  const x0 = Math.min(...lines.map((line) => line.x0));
  const x1 = Math.max(...lines.map((line) => line.x1));
  return x0 >= middle ? x1 - middle : middle - x0;
}

/** Sort key: the band (how many full-width lines lie above), then side, then top to bottom, left to right. */
function reorderColumns(items: readonly RawItem[], middle: number): RawItem[] {
  const text = items.filter(hasText);
  const spanBaselines = [...new Set(text.filter((item) => sideOf(item, middle) === 'span').map((item) => Math.round(item.y)))];
  const band = (item: RawItem) => spanBaselines.filter((y) => y > Math.round(item.y)).length;
  const sideRank = { span: 0, left: 1, right: 2 } as const;
  const keyed = text.map((item) => ({ item, band: band(item), side: sideRank[sideOf(item, middle)] }));
  keyed.sort((a, b) => a.band - b.band || a.side - b.side || b.item.y - a.item.y || a.item.x - b.item.x);
  return keyed.map(({ item }, index) => {
    const next = keyed[index + 1];
    const endsLine = !next || next.side !== keyed[index]!.side || Math.abs(next.item.y - item.y) > item.height * 0.5;
    const gapToNext = next ? next.item.x - (item.x + item.width) : 0;
    // Items re-ordered from different places carry no spaces between words of a line; add one where there is a gap.
    const str = !endsLine && gapToNext > item.height * 0.15 && !/\s$/.test(item.str) ? `${item.str} ` : item.str;
    return { ...item, str, hasEOL: endsLine };
  });
}

function joinItems(items: readonly RawItem[]): { text: string; items: PageItem[] } {
  let text = '';
  const laidOut: PageItem[] = [];
  for (const item of items) {
    if (item.str.length > 0) {
      laidOut.push({ str: item.str, x: item.x, y: item.y, width: item.width, height: item.height, start: text.length, end: text.length + item.str.length });
      text += item.str;
    }
    if (item.hasEOL && !text.endsWith('\n')) text += '\n';
  }
  return { text, items: laidOut };
}
