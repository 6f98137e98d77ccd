/**
 * Page citations and copied figures in prose we write about a paper (summaries, descriptions, claim
 * rationales), so the tests can check mechanically that a figure is on the page it is attributed to.
 * Citations are parenthesised: "(p. 6)", "(pp. 13–14)", "(pp. 1 and 7)", "(Table 8, p. 17)".
 */

const PARENTHESES = /\(([^()]*)\)/g;
const PAGE_LIST = /\bpp?\.\s*(\d+(?:\s*(?:[–-]|,|and)\s*\d+)*)/g;

/** Every page a parenthesised citation in `text` names; a range "N–M" names N..M. */
export function citedPages(text: string): number[] {
  const pages: number[] = [];
  for (const group of text.matchAll(PARENTHESES)) pages.push(...pagesIn(group[1]!));
  return pages;
}

function pagesIn(citation: string): number[] {
  const pages: number[] = [];
  for (const list of citation.matchAll(PAGE_LIST)) {
    for (const part of list[1]!.split(/\s*(?:,|and)\s*/)) {
      const [from, to] = part.split(/\s*[–-]\s*/).map(Number);
      if (from === undefined || Number.isNaN(from)) continue;
      const last = to !== undefined && to >= from && to - from < 50 ? to : from;
      for (let page = from; page <= last; page++) pages.push(page);
    }
  }
  return pages;
}

/**
 * Figures copied from a paper, the kind a slip changes: percentages, decimals and numbers with thousands
 * separators ("62%", "31.5%", "0.37", "1,418,091"). Small counts ("13 tractable") and section numbers
 * ("§3.1.2") are left out: they are ours, not the page's.
 */
export function copiedFigures(text: string): string[] {
  const withoutSections = text.replace(/§\s*[\d.]+/g, ' ');
  return [...withoutSections.matchAll(/\d+(?:\.\d+)?%|\d+\.\d+|\d{1,3}(?:,\d{3})+/g)].map((match) => match[0]);
}

/** A stretch of prose and the pages of the citation that closes it. */
export interface CitedSegment {
  readonly text: string;
  readonly pages: readonly number[];
}

/**
 * Splits Markdown into stretches that each end at a page citation: the figures in a stretch belong to the
 * pages cited at its end. Paragraphs and list items are separate; text after a paragraph's last
 * citation is attributed to none.
 */
export function citedSegments(markdown: string): CitedSegment[] {
  const segments: CitedSegment[] = [];
  for (const paragraph of markdown.split(/\n\s*\n|\n(?=\s*[-*] )/)) {
    let start = 0;
    for (const group of paragraph.matchAll(PARENTHESES)) {
      const pages = pagesIn(group[1]!);
      if (pages.length === 0) continue;
      segments.push({ text: paragraph.slice(start, group.index), pages });
      start = group.index + group[0].length;
    }
  }
  return segments;
}

/** Whether `figure` is in a page's text, whatever the spacing the extraction gave it ("79.3 %"). */
export function figureOnPage(figure: string, pageText: string): boolean {
  return pageText.replace(/\s+/g, '').includes(figure);
}
