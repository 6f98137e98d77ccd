import { normalizeText } from './normalize';
import { furnitureItems } from './pageFurniture';
import type { PageLayout } from './textModel';

interface Line {
  readonly start: number;
  readonly end: number;
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly height: number;
}

/** The longest paragraph returned whole; a longer one is cut to this many characters around the quote. */
const MAX_PARAGRAPH_CHARS = 1500;

/** The page's lines (runs of text between "\n"), with the geometry of their items; furniture left out. */
function pageLines(page: PageLayout): Line[] {
  const lines: Line[] = [];
  const furniture = furnitureItems(page);
  let itemIndex = 0;
  let start = 0;
  while (start <= page.text.length) {
    const newline = page.text.indexOf('\n', start);
    const end = newline < 0 ? page.text.length : newline;
    let x0 = Infinity, x1 = -Infinity, y = 0, height = 0;
    while (itemIndex < page.items.length && page.items[itemIndex]!.start < end) {
      const item = page.items[itemIndex++]!;
      if (item.str.trim() === '' || furniture.has(item)) continue;
      if (x0 === Infinity) y = item.y;
      x0 = Math.min(x0, item.x);
      x1 = Math.max(x1, item.x + item.width);
      height = Math.max(height, item.height);
    }
    if (end > start && x0 !== Infinity) lines.push({ start, end, x0, x1, y, height });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** The usual distance between consecutive lines of the page, for telling a paragraph gap from line spacing. */
function typicalLineSpacing(lines: readonly Line[]): number {
  const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y).filter((gap) => gap > 0).sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)] ?? 12; // the lower median: with few lines, the gap to a heading is half of them
}

/** Whether a paragraph ends between line `above` and the next line `below` (in reading order). */
function breaksBetween(above: Line, below: Line, spacing: number, columnRight: number): boolean {
  const em = Math.max(above.height, below.height, 1);
  // A heading or caption starts or ends: "Abstract" at 12 pt above a 10 pt paragraph differs by a sixth.
  if (Math.abs(above.height - below.height) > 0.15 * em) return true;
  const sameColumn = Math.abs(above.x0 - below.x0) < 6 * em && below.y < above.y;
  // A blank gap down the page: in one column, or below a line set apart elsewhere (a centred running head).
  if (below.y < above.y && above.y - below.y > spacing * 1.5) return true;
  const indented = below.x0 > above.x0 + 0.5 * em && below.x0 < above.x0 + 4 * em;
  const shortLine = above.x1 < columnRight - 2 * em;
  return sameColumn && (indented || shortLine);
}

/**
 * The paragraph containing raw range [start, end) of the page, normalised for reading (ligatures written
 * out, hyphenated words joined). Paragraphs are told apart by layout: a larger gap, an indented first line,
 * a short last line, or a change of font size.
 */
export function paragraphAround(page: PageLayout, start: number, end: number): string {
  const lines = pageLines(page);
  const first = lines.findIndex((line) => line.end > start);
  if (first < 0) return normalizeText(page.text.slice(start, end));
  let last = first;
  while (last + 1 < lines.length && lines[last]!.end < end) last++;
  const spacing = typicalLineSpacing(lines);
  // The right edge of the text block around a line: its neighbours' (an abstract is narrower than the
  // column). Only lines of the block count: left edges within two ems (an indent) and the same font size;
  // a centred author line above the abstract would otherwise make its first line look short.
  const blockRight = (index: number) => {
    const line = lines[index]!;
    const sameBlock = (other: Line) => Math.abs(other.x0 - line.x0) < 2 * line.height && Math.abs(other.height - line.height) <= 0.15 * line.height;
    const near = lines.slice(Math.max(0, index - 2), index + 3).filter(sameBlock);
    return Math.max(...near.map((other) => other.x1));
  };
  let top = first;
  while (top > 0 && !breaksBetween(lines[top - 1]!, lines[top]!, spacing, blockRight(top - 1))) top--;
  let bottom = last;
  while (bottom + 1 < lines.length && !breaksBetween(lines[bottom]!, lines[bottom + 1]!, spacing, blockRight(bottom))) bottom++;
  let from = lines[top]!.start;
  let to = lines[bottom]!.end;
  if (to - from > MAX_PARAGRAPH_CHARS) {
    const margin = Math.max(0, (MAX_PARAGRAPH_CHARS - (end - start)) / 2);
    from = Math.max(from, Math.floor(start - margin));
    to = Math.min(to, Math.ceil(end + margin));
  }
  return normalizeText(page.text.slice(from, to));
}
