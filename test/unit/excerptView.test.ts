// What the excerpt panel shows for a quote (the webview renders exactly this): its status line, which
// pages it highlights, and the quote marked in the paragraph.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Paper } from '../../src/core/corpus/model';
import { excerptFound, type ExcerptTarget } from '../../src/core/excerpt/excerptView';
import { excerptStatusText } from '../../src/core/excerpt/statusText';
import { anchorQuote } from '../../src/core/pdf/anchor';
import type { PageItem, PageLayout } from '../../src/core/pdf/textModel';

const PAPER: Paper = { id: '1', title: 'A Paper', authors: ['Ada Lovelace'], year: 2021, venue: 'arXiv', version: 'v1', pdfUrl: 'https://arxiv.org/pdf/1v1', bibtexKey: 'a', summary: '', file: 'papers/1.md' };

/** A page of lines 14 pt apart, one item a line, with its page number printed at the foot. */
function page(number: number, lines: readonly string[]): PageLayout {
  const items: PageItem[] = [];
  let text = '';
  for (const [index, line] of [...lines, String(number)].entries()) {
    if (index > 0) text += '\n';
    const footer = index === lines.length;
    items.push({ str: line, start: text.length, end: text.length + line.length, x: footer ? 300 : 72, y: footer ? 40 : 700 - 14 * index, width: line.length * 5, height: 10 });
    text += line;
  }
  return { page: number, view: [0, 0, 612, 792], text, items, columnsReordered: false };
}

const PAGES = [
  page(1, ['Reward models are trained on human comparisons and', 'they typically become inaccurate off-distribution,', 'which is precisely where the policy']),
  page(2, ['will learn to go when it is optimised against them.', 'A penalty keeps the policy near its start.']),
];

function view(quote: string, stated: number) {
  const target: ExcerptTarget = { paper: '1', quote, page: stated };
  return excerptFound(target, PAPER, anchorQuote(PAGES, { exact: quote, page: stated }), PAGES.length, '1.pdf', 'sha');
}

describe('the excerpt panel', () => {
  it('says "Found approximately" with the score for a quote with slips, and marks what the PDF says', () => {
    const found = view('Reward models are trianed on humen comparisons', 1);
    assert.equal(found.method, 'fuzzy');
    assert.match(excerptStatusText(found), /^Found approximately \(score 0\.9\d\) on page 1, as the corpus states\. The PDF’s words differ/);
    assert.equal(found.paragraph.match, 'Reward models are trained on human comparisons');
  });

  it('an exact quote is just "Found", a misplaced one names both pages', () => {
    assert.equal(excerptStatusText(view('Reward models are trained on human comparisons', 1)), 'Found on page 1, as the corpus states.');
    assert.equal(excerptStatusText(view('A penalty keeps the policy near its start.', 1)), 'Found on page 2, not on page 1 as the corpus states.');
    assert.match(excerptStatusText(view('Nothing like this was written.', 1)), /^Not found in this PDF\. The corpus states page 1/);
  });

  it('a quote across the page break: both pages named, boxes for each, the quote marked across both paragraphs', () => {
    const found = view('which is precisely where the policy will learn to go', 1);
    assert.equal(excerptStatusText(found), 'Found on pages 1–2, as the corpus states.');
    assert.deepEqual(found.parts.map((part) => part.page), [1, 2]);
    assert.ok(found.parts.every((part) => part.rects.length > 0));
    assert.equal(found.paragraph.match, 'which is precisely where the policy will learn to go');
    assert.doesNotMatch(found.paragraph.before + found.paragraph.after, /\b[12]\b/, 'no page number in the paragraph');
  });
});
