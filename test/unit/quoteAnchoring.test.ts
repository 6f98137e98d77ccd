// Quote anchoring beyond the verbatim case (issue 11 §4, issue 9's surviving mutants): quotes with slips
// in them, quotes across a page break, the paragraph shown under an excerpt, and ligatures. The real papers
// are used when /work/shared/papers (or LITCOMP_PAPERS) has them; generated text otherwise.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { anchorQuote, MAX_FUZZY_QUOTE, MIN_FUZZY_SCORE } from '../../src/core/pdf/anchor';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import { fuzzyBudget, fuzzyFind, searchCost } from '../../src/core/pdf/fuzzySearch';
import { matchKey } from '../../src/core/pdf/normalize';
import { extractPageTexts } from '../../src/core/pdf/pageText';
import { locateQuote } from '../../src/core/pdf/quoteCheck';
import type { DocumentText, PageItem, PageLayout } from '../../src/core/pdf/textModel';
import { buildPdf, column, fixtureDir, writePdf, type FixturePage, type FixtureText } from '../support/pdfFixtures';

const papersDir = process.env.LITCOMP_PAPERS || join(__dirname, '..', '..', '..', 'shared', 'papers');
const extractor = new PdfTextExtractor({ workerScript: join(__dirname, '..', '..', 'dist', 'pdfWorker.js') });
after(() => extractor.dispose());
const cacheDir = fixtureDir();

function paperSkip(id: string): string | false {
  return existsSync(join(papersDir, `${id}.pdf`)) ? false : `skipped: ${join(papersDir, `${id}.pdf`)} is not on this machine (set LITCOMP_PAPERS to the folder of the papers' PDFs)`;
}

const documents = new Map<string, Promise<DocumentText>>();
function paper(id: string): Promise<DocumentText> {
  if (!documents.has(id)) documents.set(id, extractor.extract(join(papersDir, `${id}.pdf`), { cacheDir }));
  return documents.get(id)!;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 4294967296;
}

/** The quote with `count` of its letters (distinct places) replaced by other letters, as a retyping slip would. */
function withSlips(quote: string, count: number, seed: number): string {
  const rand = random(seed);
  const letters = [...quote].map((char, index) => (/[a-z]/i.test(char) ? index : -1)).filter((index) => index >= 0);
  const chars = [...quote];
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, letters.length)) chosen.add(letters[Math.floor(rand() * letters.length)]!);
  for (const index of chosen) {
    const old = chars[index]!.toLowerCase();
    let replacement = old;
    while (replacement === old) replacement = String.fromCharCode(97 + Math.floor(rand() * 26));
    chars[index] = replacement;
  }
  return chars.join('');
}

function letterCount(text: string): number {
  return [...text].filter((char) => /[a-z]/i.test(char)).length;
}

/** A page of lines, one item per line, 14 pt apart from the top: what extraction gives for a plain column. */
function layoutOf(page: number, lines: readonly string[]): PageLayout {
  const items: PageItem[] = [];
  let text = '';
  lines.forEach((line, index) => {
    if (index > 0) text += '\n';
    items.push({ str: line, start: text.length, end: text.length + line.length, x: 72, y: 700 - 14 * index, width: line.length * 5, height: 10 });
    text += line;
  });
  return { page, view: [0, 0, 612, 792], text, items, columnsReordered: false };
}

const WORDS = (
  'the reward model policy human feedback labelers prefer summaries trained comparisons between pairs outputs annotators disagree ' +
  'fraction bounds accuracy reach held data however large training evaluation oversight reinforcement learning alignment language ' +
  'baseline supervised critique revision principle scaling bias sycophancy hacking distribution shift robustness quality harmless ' +
  'helpful dialogue preference dataset original demonstrations strong results measure agreement against method which while also'
).split(' ');

/** Pages of generated prose, each a column of about 70-character lines. */
function generatedPages(count: number, seed: number): PageLayout[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, pageIndex) => {
    const lines = Array.from({ length: 30 }, () => {
      let line = '';
      while (line.length < 64) line += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
      return line.trim();
    });
    return layoutOf(pageIndex + 1, lines);
  });
}

/** A sentence-length quote cut from a page at word edges, about `length` characters. */
function cutQuote(page: PageLayout, from: number, length: number): string {
  const text = page.text.replace(/\s+/g, ' ');
  const start = text.indexOf(' ', from) + 1;
  const end = text.indexOf(' ', start + length);
  return text.slice(start, end);
}

describe('fuzzy anchoring: sentence-length quotes with a few slips are found, and said to be approximate', () => {
  it('the issue example: three wrong letters in 120 are found on page 2 of Stiennon et al., approximately, with the score', { skip: paperSkip('2009.01325') }, async () => {
    const document = await paper('2009.01325');
    const quote = 'Summaries from our human feedbaxk models are preferred by our labelers to the original humax demonstrations in the datasxt';
    for (const page of [undefined, 2, 5]) {
      const anchor = anchorQuote(document.pages, { exact: quote, page });
      assert.equal(anchor.page, 2, `stated page ${page}`);
      assert.equal(anchor.status, page === 5 ? 'found-elsewhere' : 'found');
      assert.equal(anchor.method, 'fuzzy');
      assert.ok(anchor.score > 0.97 && anchor.score < 1, String(anchor.score));
      assert.match(anchor.paragraph, /Summaries from our human feedback models are preferred by our labelers/);
      assert.ok(anchor.rects.length >= 2);
    }
  });

  for (const id of ['2009.01325', '2212.08073', '2307.15217', '2309.00267']) {
    it(`${id}: every stored quote of 60+ characters with 1%, 3% and 5% of its letters changed is found at its page`, { skip: paperSkip(id) }, async () => {
      const corpus = await loadCorpus(join(__dirname, '..', '..', 'sources'));
      const document = await paper(id);
      const quotes = corpus.links.filter((link) => link.paper === id).flatMap((link) => link.evidence).filter((quote) => quote.quote.length >= 60);
      assert.ok(quotes.length > 0);
      for (const [index, quote] of quotes.entries()) {
        for (const rate of [0.01, 0.03, 0.05]) {
          const slips = Math.max(1, Math.round(letterCount(quote.quote) * rate));
          const typed = withSlips(quote.quote, slips, index * 7 + slips);
          const anchor = anchorQuote(document.pages, { exact: typed, page: quote.page });
          const what = `p.${quote.page}, ${slips} slips: "${typed.slice(0, 70)}…"`;
          assert.equal(anchor.status, 'found', what);
          assert.ok(anchor.parts.some((part) => part.page === quote.page), what);
          assert.equal(anchor.method, 'fuzzy', what);
          assert.ok(anchor.score < 1 && anchor.score >= 1 - slips / matchKey(typed).length, `${what}: score ${anchor.score}`);
        }
      }
    });
  }

  it('generated text: quotes with 1–5% of their letters changed are found where they were cut, with and without the page', () => {
    const pages = generatedPages(6, 3);
    for (let n = 0; n < 30; n++) {
      const page = pages[n % pages.length]!;
      const quote = cutQuote(page, 40 + n * 37, 100 + (n % 5) * 40);
      const rate = [0.01, 0.02, 0.03, 0.04, 0.05][n % 5]!;
      const slips = Math.max(1, Math.round(letterCount(quote) * rate));
      const typed = withSlips(quote, slips, n);
      for (const hint of [page.page, undefined]) {
        const anchor = anchorQuote(pages, { exact: typed, page: hint });
        assert.equal(anchor.page, page.page, `${slips} slips, hint ${hint}: ${typed}`);
        assert.equal(anchor.status, 'found');
        assert.equal(anchor.method, 'fuzzy');
        assert.ok(anchor.score >= 1 - slips / matchKey(typed).length && anchor.score < 1, String(anchor.score));
        assert.equal(matchKey(page.text.slice(anchor.start, anchor.end)), matchKey(quote), 'the match is the passage the quote was cut from');
      }
    }
  });

  it(`the ${MIN_FUZZY_SCORE} threshold: a quote with ~12% edits is found as fuzzy, one with ~18% is not found`, () => {
    const pages = generatedPages(3, 11);
    for (let n = 0; n < 6; n++) {
      const page = pages[n % 3]!;
      const quote = cutQuote(page, 100 + 90 * n, 150);
      const length = matchKey(quote).length;
      const near = anchorQuote(pages, { exact: withSlips(quote, Math.round(length * 0.12), n), page: page.page });
      assert.equal(near.status, 'found', `12% of ${length}`);
      assert.equal(near.method, 'fuzzy');
      assert.ok(near.score > 0.85 && near.score <= 0.9, String(near.score));
      const far = anchorQuote(pages, { exact: withSlips(quote, Math.round(length * 0.18), n), page: page.page });
      assert.equal(far.status, 'not-found', `18% of ${length}: score ${far.score}`);
    }
  });
});

describe('fuzzy anchoring is bounded', () => {
  it('a 120 KB quote is not looked for fuzzily (it was 7.6 s): not found, no fuzzy work spent', () => {
    const pages = generatedPages(4, 21);
    const huge = Array.from({ length: 40 }, (_, n) => pages[n % 4]!.text).join(' ').slice(0, 120_000);
    const budget = fuzzyBudget(Infinity);
    const anchor = anchorQuote(pages, { exact: withSlips(huge, 50, 1), page: 1 }, { fuzzyBudget: budget });
    assert.equal(anchor.status, 'not-found');
    assert.equal(budget.spent, 0);
  });

  it('a sentence-length quote costs at most the stated page pair and one pass over the document', () => {
    const pages = generatedPages(8, 22);
    const quote = withSlips(cutQuote(pages[5]!, 300, 200), 4, 2);
    const budget = fuzzyBudget(Infinity);
    const anchor = anchorQuote(pages, { exact: quote, page: 2 }, { fuzzyBudget: budget });
    assert.equal(anchor.page, 6);
    const documentChars = pages.reduce((sum, page) => sum + page.text.length + 1, 0);
    assert.ok(budget.spent > 0 && budget.spent <= searchCost(documentChars, matchKey(quote).length) * 1.5, `${budget.spent} cells`);
    assert.ok(MAX_FUZZY_QUOTE < 120_000);
  });
});

describe('fuzzy search: the edit limit', () => {
  it('accepts a match at exactly the allowed number of edits, and not one more', () => {
    const text = 'xxxx the reward model is trained on human comparisons yyyy';
    const pattern = 'the rewerd modal is trainod on human comparisons'; // three substitutions
    const match = fuzzyFind(text, pattern, 3);
    assert.ok(match, 'three edits allowed, three made');
    assert.equal(match.distance, 3);
    assert.equal(text.slice(match.start, match.end), 'the reward model is trained on human comparisons');
    assert.equal(fuzzyFind(text, pattern, 2), undefined);
  });

  it('at the anchor: a quote exactly at the edit budget of its length is found', () => {
    const pages = generatedPages(2, 5);
    const quote = cutQuote(pages[0]!, 200, 120);
    const budget = Math.floor(matchKey(quote).length * (1 - MIN_FUZZY_SCORE));
    const typed = withSlips(quote, budget, 9);
    const anchor = anchorQuote(pages, { exact: typed, page: 1 });
    assert.equal(fuzzyFind(matchKey(pages[0]!.text), matchKey(typed), budget)?.distance, budget, 'the slips cost exactly the budget');
    assert.equal(anchor.status, 'found');
    assert.equal(anchor.method, 'fuzzy');
  });
});

/** Text runs for a page: a running head at the top, the body lines, the page number at the foot. */
function furnishedPage(head: string, lines: readonly string[], number: number): FixturePage {
  const texts: FixtureText[] = [{ x: 250, y: 750, text: head }, ...column(lines, 72, 700), { x: 300, y: 40, text: String(number) }];
  return { texts };
}

describe('a quote across a page break', () => {
  const head = 'A Study of Reward Models';
  const pageOne = ['Reward models are trained on comparisons and they', 'typically become inaccurate off-distribution, which is', 'precisely where the policy'];
  const pageTwo = ['will learn to go when it is optimised against them.', 'This is usually solved by a penalty that keeps it near.'];
  const pageThree = ['A third page so that the running head repeats.'];

  it('is found on both pages, reported with both, with boxes on each (generated PDF, page numbers and a running head between)', async () => {
    const pages = await extractPageTexts(writePdf(fixtureDir(), 'break.pdf', buildPdf([furnishedPage(head, pageOne, 1), furnishedPage(head, pageTwo, 2), furnishedPage(head, pageThree, 3)])));
    const quote = 'which is precisely where the policy will learn to go when it is optimised';
    const anchor = anchorQuote(pages, { exact: quote, page: 1 });
    assert.equal(anchor.status, 'found');
    assert.equal(anchor.method, 'exact');
    assert.deepEqual(anchor.parts.map((part) => part.page), [1, 2]);
    assert.ok(anchor.parts.every((part) => part.rects.length > 0));
    assert.equal(anchor.page, 1);
    assert.match(pages[0]!.text.slice(anchor.parts[0]!.start, anchor.parts[0]!.end), /^which is\s+precisely where the policy$/);
    assert.equal(pages[1]!.text.slice(anchor.parts[1]!.start, anchor.parts[1]!.end), 'will learn to go when it is optimised');
    assert.doesNotMatch(anchor.paragraph, /\b1\b.*A Study/, 'no page number or running head inside the paragraph');
    // Stated on its second page, it is still at the stated page; with a slip, it is found approximately.
    assert.equal(anchorQuote(pages, { exact: quote, page: 2 }).status, 'found');
    const typed = anchorQuote(pages, { exact: quote.replace('policy', 'polisy'), page: 1 });
    assert.equal(typed.method, 'fuzzy');
    assert.deepEqual(typed.parts.map((part) => part.page), [1, 2]);
  });

  it('Casper et al. p.11→12 and RLAIF p.8→9 (whose pages carry a running head)', { skip: paperSkip('2307.15217') || paperSkip('2309.00267') }, async () => {
    const casper = anchorQuote((await paper('2307.15217')).pages, { exact: 'which is precisely where the policy will learn to go', page: 11 });
    assert.deepEqual([casper.status, casper.method, casper.parts.map((part) => part.page)], ['found', 'exact', [11, 12]]);
    const rlaif = anchorQuote((await paper('2309.00267')).pages, { exact: 'open questions, such as how RLAIF can be adapted to a model-based RL setting', page: 8 });
    assert.deepEqual([rlaif.status, rlaif.parts.map((part) => part.page)], ['found', [8, 9]]);
    assert.ok(rlaif.parts.every((part) => part.rects.length > 0));
  });
});

describe('a quote across a page break: only where the break falls between words', () => {
  it('joins a word hyphenated across the break, as the normalised form', () => {
    const pages = [layoutOf(1, ['We judge the summaries by compari-']), layoutOf(2, ['son with human references.'])];
    const anchor = anchorQuote(pages, { exact: 'by comparison with human references', page: 1 });
    assert.deepEqual([anchor.status, anchor.method, anchor.parts.map((part) => part.page)], ['found', 'normalized', [1, 2]]);
  });

  it('does not call two words run together across the break verbatim', () => {
    const pages = [layoutOf(1, ['The model outputs a']), layoutOf(2, ['log of the rewards it was given.'])];
    const anchor = anchorQuote(pages, { exact: 'The model outputs alog of the rewards', page: 1 });
    assert.equal(anchor.method, 'fuzzy');
    assert.deepEqual(locateQuote(pages, 'The model outputs alog of the rewards', 1), { status: 'not-found' });
  });

  it('does not start a quote inside a word at the foot of the page', () => {
    const pages = [layoutOf(1, ['They measured the catalog']), layoutOf(2, ['of the rewards it was given.'])];
    assert.deepEqual(locateQuote(pages, 'log of the rewards', 1), { status: 'not-found' });
  });
});

describe('the paragraph under an excerpt', () => {
  it('RLAIF p.1: the abstract starts with its first line, not with "(RLHF)", and without the "Abstract" heading', { skip: paperSkip('2309.00267') }, async () => {
    const pages = (await paper('2309.00267')).pages;
    const anchor = anchorQuote(pages, { exact: 'we show that RLAIF achieves comparable performance to RLHF', page: 1 });
    assert.equal(anchor.status, 'found');
    assert.match(anchor.paragraph, /^Reinforcement learning from human feedback \(RLHF\) has proven effective/);
    assert.match(anchor.paragraph, /scalability limitations of RLHF\.$/);
  });

  it('keeps the first line of a paragraph under a wider centred line (generated PDF)', async () => {
    const authors = { x: 110, y: 720, text: 'Ada Lovelace  Alan Turing  Grace Hopper  Edsger Dijkstra  Barbara Liskov  John McCarthy' };
    const abstract = column(['Reinforcement learning from human feedback, known', 'as RLHF, has proven effective in aligning large lan-', 'guage models with human preferences, but gathering', 'high-quality preference labels is expensive.'], 75, 690, 12);
    const pages = await extractPageTexts(writePdf(fixtureDir(), 'abstract.pdf', buildPdf([{ texts: [authors, ...abstract] }])));
    const anchor = anchorQuote(pages, { exact: 'labels is expensive', page: 1 });
    assert.match(anchor.paragraph, /^Reinforcement learning from human feedback, known as RLHF/);
  });

  it('does not end with the page number printed below it (generated PDF)', async () => {
    const pages = await extractPageTexts(writePdf(fixtureDir(), 'footer.pdf', buildPdf([furnishedPage('Running Head', ['The last paragraph of the page ends', 'here, and the page number follows.'], 12)])));
    const anchor = anchorQuote(pages, { exact: 'the page number follows', page: 1 });
    assert.equal(anchor.paragraph, 'The last paragraph of the page ends here, and the page number follows.');
  });

  it('Casper et al. p.12: the last paragraph ends with its sentence, not with "12"', { skip: paperSkip('2307.15217') }, async () => {
    const anchor = anchorQuote((await paper('2307.15217')).pages, { exact: 'preferences is normatively acceptable', page: 12 });
    assert.equal(anchor.status, 'found');
    assert.match(anchor.paragraph, /normatively acceptable\.$/);
  });
});

describe('the verbatim check of the corpus tests (locateQuote)', () => {
  const pages = [layoutOf(1, ['Reward models become inaccurate off-distribution,', 'which is precisely where the policy']), layoutOf(2, ['will learn to go when optimised against them.'])];

  it('accepts a quote across a page break, at its stated page', () => {
    assert.deepEqual(locateQuote(pages, 'which is precisely where the policy will learn to go', 1), { status: 'found', page: 1 });
  });

  it('does not take a near miss for the paper’s words', () => {
    assert.equal(anchorQuote(pages, { exact: 'Reward models become inacurate off-distribution', page: 1 }).method, 'fuzzy');
    assert.deepEqual(locateQuote(pages, 'Reward models become inacurate off-distribution', 1), { status: 'not-found' });
  });
});
