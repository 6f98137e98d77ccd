import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { fuzzyFind } from '../../src/core/pdf/fuzzySearch';
import { matchKeyMapped, normalizeText, normalizeTextMapped } from '../../src/core/pdf/normalize';
import { extractPageTexts } from '../../src/core/pdf/pageText';
import type { PageLayout } from '../../src/core/pdf/textModel';
import { buildPdf, column, fixtureDir, interleavedTwoColumnPage, writePdf, type FixturePage } from '../support/pdfFixtures';

const LEFT = [
  'Left one: reward models are trained on human',
  'Left two: comparisons between pairs of model',
  'Left three: outputs, and the policy is then tuned',
  'Left four: against the learned reward with PPO',
  'Left five: while a KL penalty keeps it close to',
  'Left six: the supervised baseline policy always.',
];
const RIGHT = [
  'Right one: annotators disagree with each other',
  'Right two: on a sizeable fraction of the pairs',
  'Right three: which bounds the accuracy that any',
  'Right four: reward model can reach on held out',
  'Right five: data, however large the model is and',
  'Right six: however long it is trained for here.',
];

async function pagesOf(pages: FixturePage[]): Promise<PageLayout[]> {
  return extractPageTexts(writePdf(fixtureDir(), 'fixture.pdf', buildPdf(pages)));
}

describe('normalisation keeps a map back to raw offsets', () => {
  it('writes out ligatures, joins line-end hyphenation, drops soft hyphens, straightens quotes and dashes', () => {
    assert.equal(normalizeText('the ﬁnal eﬀort – “compari-\n son” of co\u00ADoperation\n\n…'), 'the final effort - "comparison" of cooperation ...');
  });

  it('maps every normalised character to the raw character it came from', () => {
    const raw = 'a ﬁne compari-\nson';
    const mapped = normalizeTextMapped(raw);
    assert.equal(mapped.text, 'a fine comparison');
    assert.equal(raw[mapped.toRaw[mapped.text.indexOf('s')]!], 's');
    assert.equal(mapped.toRaw[2], raw.indexOf('ﬁ'));
    assert.equal(mapped.toRaw[3], raw.indexOf('ﬁ'));
    assert.equal(matchKeyMapped('State-of-the-Art').text, 'stateoftheart');
  });
});

describe('fuzzy search', () => {
  it('finds the place with the fewest edits, with its start', () => {
    const text = 'xxxx the reward model is trained on comparisons yyyy';
    const match = fuzzyFind(text, 'the reword model is trained on comparisons', 3);
    assert.ok(match);
    assert.equal(match.distance, 1);
    assert.equal(text.slice(match.start, match.end), 'the reward model is trained on comparisons');
  });

  it('gives up beyond the allowed distance', () => {
    assert.equal(fuzzyFind('completely different text here', 'the reward model', 2), undefined);
  });
});

describe('page text from generated PDFs', () => {
  it('reads every page in order, with item positions and offsets into the page text', async () => {
    const pages = await pagesOf([{ texts: column(['First page text.'], 72, 700) }, { texts: column(['The quick brown fox', 'jumps over the dog.'], 72, 700) }, { texts: column(['Third page.'], 72, 700) }]);
    assert.deepEqual(pages.map((page) => page.page), [1, 2, 3]);
    const second = pages[1]!;
    assert.match(second.text, /The quick brown fox\s+jumps over the dog\./);
    assert.deepEqual(second.view, [0, 0, 612, 792]);
    // Items are words (PDFium's character boxes grouped at spaces): the line's first word starts at its x.
    const first = second.items.find((item) => item.str.startsWith('The'))!;
    const fox = second.items.find((item) => item.str.includes('fox'))!;
    assert.equal(second.text.slice(fox.start, fox.end), fox.str);
    assert.equal(first.x, 72);
    assert.equal(first.y, 700);
    assert.ok(fox.x > first.x + 50 && fox.width > 10 && fox.height > 5, JSON.stringify(fox));
  });

  it('puts an interleaved two-column page in reading order: title, left column, right column', async () => {
    const [page] = await pagesOf([interleavedTwoColumnPage(LEFT, RIGHT)]);
    assert.equal(page!.columnsReordered, true);
    const order = ['A Title', ...LEFT, ...RIGHT].map((line) => page!.text.indexOf(line.slice(0, 12)));
    assert.ok(order.every((at) => at >= 0), page!.text);
    assert.deepEqual([...order].sort((a, b) => a - b), order, page!.text);
  });

  it('keeps the content order of a single column whose lines cross the middle', async () => {
    const [page] = await pagesOf([{ texts: column(LEFT.map((line, index) => `${line} ${RIGHT[index]}`), 56, 700) }]);
    assert.equal(page!.columnsReordered, false);
  });
});

describe('anchoring quotes on generated PDFs', () => {
  it('finds a quote across a two-column line break at its page, with rectangles on both lines', async () => {
    const pages = await pagesOf([{ texts: column(['Nothing here.'], 72, 700) }, interleavedTwoColumnPage(LEFT, RIGHT)]);
    const anchor = anchorQuote(pages, { exact: 'the policy is then tuned Left four: against the learned reward', page: 2 });
    assert.equal(anchor.status, 'found');
    assert.equal(anchor.method, 'exact');
    assert.equal(new Set(anchor.rects.map((rect) => rect.y)).size, 2, 'rectangles on two lines');
    assert.ok(anchor.rects.every((rect) => rect.x >= 56 && rect.x + rect.width <= 300), JSON.stringify(anchor.rects));
  });

  it('matches ligature characters (ﬁ ﬂ ﬃ) with the letters written out', () => {
    // pdf.js already writes out the ligature glyphs of a generated PDF ("final"), so a PDF fixture would
    // never put a ligature in front of the normaliser: build the page text with the code points themselves.
    const text = 'The \uFB01nal \uFB02ow of e\uFB03cient re\uFB01nement.';
    const page: PageLayout = { page: 1, view: [0, 0, 612, 792], text, items: [{ str: text, start: 0, end: text.length, x: 72, y: 700, width: 200, height: 10 }], columnsReordered: false };
    assert.ok(/[\uFB01-\uFB03]/.test(page.text), 'the page holds ligature characters');
    const anchor = anchorQuote([page], { exact: 'final flow of efficient refinement', page: 1 });
    assert.equal(anchor.status, 'found');
    assert.equal(anchor.method, 'normalized');
    assert.equal(text.slice(anchor.start, anchor.end), '\uFB01nal \uFB02ow of e\uFB03cient re\uFB01nement');
    assert.equal(anchor.paragraph, 'The final flow of efficient refinement.');
  });

  it('matches a word hyphenated across a line end written whole', async () => {
    const pages = await pagesOf([{ texts: column(['We judge the summaries by compari-', 'son with human references.'], 72, 700) }]);
    const anchor = anchorQuote(pages, { exact: 'by comparison with human references', page: 1 });
    assert.equal(anchor.status, 'found');
    assert.equal(anchor.method, 'normalized');
    assert.equal(anchor.paragraph, 'We judge the summaries by comparison with human references.');
  });

  it('reports a quote on another page than stated as found-elsewhere, with that page', async () => {
    const pages = await pagesOf([{ texts: column(['Page one.'], 72, 700) }, { texts: column(['Page two.'], 72, 700) }, { texts: column(['The quote lives on page three.'], 72, 700) }]);
    const anchor = anchorQuote(pages, { exact: 'The quote lives on page three.', page: 1 });
    assert.equal(anchor.status, 'found-elsewhere');
    assert.equal(anchor.page, 3);
  });

  it('falls back to a fuzzy match for a quote with a typo, and says so', async () => {
    const pages = await pagesOf([{ texts: column(['Reward models are trained on human comparisons.'], 72, 700) }]);
    const anchor = anchorQuote(pages, { exact: 'Reward models are trianed on human comparisons.', page: 1 });
    assert.equal(anchor.status, 'found');
    assert.equal(anchor.method, 'fuzzy');
    assert.ok(anchor.score > 0.9 && anchor.score < 1, String(anchor.score));
  });

  it('reports a quote that is not there as not-found, with the stated page, never dropping it', async () => {
    const pages = await pagesOf([{ texts: column(['Something else entirely.'], 72, 700) }]);
    const anchor = anchorQuote(pages, { exact: 'A sentence the paper never wrote at all.', page: 1 });
    assert.deepEqual({ ...anchor, score: 0 }, { status: 'not-found', page: 1, method: null, score: 0, rects: [], paragraph: '', start: -1, end: -1, parts: [], matched: '' });
  });

  it('uses prefix and suffix to choose between repeats of the same words', async () => {
    const pages = await pagesOf([{ texts: column(['First we say reward hacking happens.', 'Later we say reward hacking matters.'], 72, 700) }]);
    const first = anchorQuote(pages, { exact: 'reward hacking', suffix: ' happens', page: 1 });
    const second = anchorQuote(pages, { exact: 'reward hacking', suffix: ' matters', page: 1 });
    assert.ok(second.start > first.start);
    assert.ok(second.rects[0]!.y < first.rects[0]!.y);
  });

  it('returns the paragraph containing the quote, not its neighbours', async () => {
    const first = column(['The first paragraph talks about data and', 'ends here with a short line.'], 72, 700);
    const second = column(['    The second paragraph starts indented and', 'goes on about the reward model which is', 'trained on comparisons.'], 72, 660);
    const third = column(['    A third paragraph follows it.'], 72, 600);
    const pages = await pagesOf([{ texts: [...first, ...second, ...third] }]);
    const anchor = anchorQuote(pages, { exact: 'about the reward model', page: 1 });
    assert.equal(anchor.paragraph, 'The second paragraph starts indented and goes on about the reward model which is trained on comparisons.');
  });

  it('maps a quote inside one item to part of that item’s width', async () => {
    const pages = await pagesOf([{ texts: column(['alpha beta gamma delta epsilon'], 72, 700) }]);
    const item = pages[0]!.items.find((candidate) => candidate.str.includes('gamma'))!;
    const [rect] = anchorQuote(pages, { exact: 'amm', page: 1 }).rects;
    assert.ok(rect!.x > item.x && rect!.x + rect!.width < item.x + item.width, JSON.stringify({ rect, item }));
  });
});
