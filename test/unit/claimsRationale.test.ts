import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadClaims, rationaleProblems, type Claim, type ClaimEvidence, type Verdict } from '../../src/core/claims';
import { loadCorpus } from '../../src/core/corpus/load';
import { citedPages, citedSegments, copiedFigures, figureOnPage } from '../../src/core/corpus/pageCitations';
import { extractPageTexts } from '../../src/core/pdf/pageText';

const papersDir = process.env.LITCOMP_PAPERS || join(__dirname, '..', '..', '..', 'shared', 'papers');
const bundledCorpus = join(__dirname, '..', '..', 'sources');
const claimsFile = join(bundledCorpus, 'claims', 'talk-ru.yaml');
const LLAMA2 = '2307.09288';
const CASPER = '2307.15217';

function evidence(page: number): ClaimEvidence {
  return { paper: '2309.00267', version: 'v3', page, quote: 'a quote', source: 'pdf' };
}

function claim(verdict: Verdict, rationale: string, pages: number[] = [6]): Pick<Claim, 'verdict' | 'rationale' | 'evidence'> {
  return { verdict, rationale, evidence: pages.map(evidence) };
}

/** Page texts of a paper: its PDF when present, else the Llama 2 transcription; undefined when neither is here. */
async function pageTexts(paper: string): Promise<Map<number, string> | undefined> {
  const pdf = join(papersDir, `${paper}.pdf`);
  if (existsSync(pdf)) return new Map((await extractPageTexts(pdf)).map((page) => [page.page, page.text]));
  const transcription = join(papersDir, 'llama2-text');
  if (paper !== LLAMA2 || !existsSync(transcription)) return undefined;
  const pages = new Map<number, string>();
  for (let page = 1; existsSync(join(transcription, `page_${page}.md`)); page++) {
    pages.set(page, readFileSync(join(transcription, `page_${page}.md`), 'utf8').replace(/\*\*/g, ''));
  }
  return pages;
}

const textCache = new Map<string, Promise<Map<number, string> | undefined>>();
function cachedPageTexts(paper: string): Promise<Map<number, string> | undefined> {
  if (!textCache.has(paper)) textCache.set(paper, pageTexts(paper));
  return textCache.get(paper)!;
}

describe('page citations in our prose', () => {
  it('reads single pages, ranges, lists and a citation after a table number', () => {
    assert.deepEqual(citedPages('as shown (p. 6), and (pp. 13–14), (pp. 1 and 7), (Table 8, p. 17)'), [6, 13, 14, 1, 7, 17]);
    assert.deepEqual(citedPages('(p. 10–11) and (pp. 36-38)'), [10, 11, 36, 37, 38]);
    assert.deepEqual(citedPages('no citation here, p. 6 outside parentheses, (see Table 1)'), []);
  });

  it('keeps copied figures and leaves out counts and section numbers', () => {
    assert.deepEqual(copiedFigures('23 problems, 13 tractable; §3.1.2; 62% and 31.5%, 0.37 to 0.55, 1,418,091 comparisons, +1.7%'), ['62%', '31.5%', '0.37', '0.55', '1,418,091', '1.7%']);
  });

  it('finds a figure on a page whatever the spacing, and not a figure one digit off', () => {
    assert.equal(figureOnPage('79.3%', 'Summarization 79.3 %  74.2%'), true);
    assert.equal(figureOnPage('63%', 'our RMs still perform above chance (62%).'), false);
  });

  it('attributes the figures of a stretch to the citation that closes it, paragraph by paragraph', () => {
    const segments = citedSegments('RLAIF wins 71% (p. 5). Head to head 50% (p. 6).\n\n- Harmless 88% (p. 6)\n- trailing 12% with no citation');
    assert.deepEqual(segments.map((segment) => [copiedFigures(segment.text), segment.pages]), [[['71%'], [5]], [['50%'], [6]], [['88%'], [6]]]);
  });
});

describe('a rationale agrees with its verdict (sources/README.md, "How a verdict is decided")', () => {
  it('accepts a rationale of each verdict written by the rules', () => {
    assert.deepEqual(rationaleProblems(claim('supports', 'The authors state it (p. 6).')), []);
    assert.deepEqual(rationaleProblems(claim('partially-supports', 'Harmlessness holds (p. 6). Missing: toxicity is not measured.')), []);
    assert.deepEqual(rationaleProblems(claim('contradicts', 'Opposed: the two are equally preferred (p. 6).')), []);
    assert.deepEqual(rationaleProblems({ verdict: 'not-addressed', rationale: 'Missing: the PaLM 2 report is not here.', evidence: [] }), []);
  });

  it('refuses a "supports" that says something is missing or opposed', () => {
    assert.equal(rationaleProblems(claim('supports', 'Shown on one task (p. 6). Missing: the others.')).length, 1);
    assert.equal(rationaleProblems(claim('supports', 'Opposed: a tie (p. 6).')).length, 1);
  });

  it('refuses a "partially-supports" that does not say what is missing or opposed', () => {
    assert.match(rationaleProblems(claim('partially-supports', 'Larger labelers align better (p. 6); "only" is not established.')).join(), /Missing:.*Opposed:/);
  });

  it('refuses a "contradicts" without an "Opposed:" sentence, and a "not-addressed" with one', () => {
    assert.match(rationaleProblems(claim('contradicts', 'Missing: no lead is found (p. 6).')).join(), /Opposed:/);
    assert.match(rationaleProblems({ verdict: 'not-addressed', rationale: 'Missing: no test at scale. Opposed: RLAIF won.', evidence: [] }).join(), /pull in different directions/);
    assert.match(rationaleProblems({ verdict: 'not-addressed', rationale: 'No source here.', evidence: [] }).join(), /Missing:/);
  });

  it('refuses a rationale that names no page, or a page none of its quotes is on', () => {
    assert.match(rationaleProblems(claim('supports', 'The authors state it.')).join(), /by page/);
    assert.deepEqual(rationaleProblems(claim('supports', 'Stated (p. 6) and shown (pp. 16–17).', [6, 16])), ['the rationale cites p. 17, but none of the claim\'s quotes is on that page']);
  });

  it('holds for every claim of the bundled talk', async () => {
    const { claims } = await loadClaims(claimsFile);
    const wrong = claims.flatMap((each) => rationaleProblems(each).map((problem) => `${each.id}: ${problem}`));
    assert.deepEqual(wrong, []);
  });
});

describe('every figure a rationale copies is on a page of one of its claim\'s quotes', () => {
  it('for all the bundled claims', async (context) => {
    const { claims } = await loadClaims(claimsFile);
    const papers = [...new Set(claims.flatMap((each) => each.evidence.map((item) => item.paper)))];
    const missing: string[] = [];
    for (const paper of papers) if (!(await cachedPageTexts(paper))) missing.push(paper);
    if (missing.length > 0) return context.skip(`the text of ${missing.join(', ')} is not in ${papersDir} (set LITCOMP_PAPERS); rationale figures unchecked`);
    const wrong: string[] = [];
    for (const each of claims) {
      const pages = await Promise.all(each.evidence.map(async (item) => (await cachedPageTexts(item.paper))?.get(item.page) ?? ''));
      for (const figure of copiedFigures(each.rationale)) {
        if (!pages.some((text) => figureOnPage(figure, text))) wrong.push(`${each.id}: ${figure} is on none of the quoted pages (${each.evidence.map((item) => `${item.paper} p.${item.page}`).join(', ')})`);
      }
    }
    assert.ok(claims.some((each) => copiedFigures(each.rationale).length > 0), 'some rationale copies a figure');
    assert.deepEqual(wrong, []);
  });
});

/** The papers of the bundled corpus, by file name (known before any test runs, so each gets its own test). */
const bundledPapers = readdirSync(join(bundledCorpus, 'papers')).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -'.md'.length)).sort();

describe('every figure a summary or challenge description copies is on the page it cites', () => {
  for (const paper of bundledPapers) {
    it(paper, async (context) => {
      const corpus = await loadCorpus(bundledCorpus);
      const texts = [
        ...[...corpus.papers.values()].filter((each) => each.id === paper).map((each) => ({ file: each.file, markdown: each.summary })),
        // Challenge descriptions cite pages of Casper et al., whose §3 they describe.
        ...(paper === CASPER ? [...corpus.challenges.values()].map((challenge) => ({ file: challenge.file, markdown: challenge.description })) : []),
      ];
      const pages = await cachedPageTexts(paper);
      if (!pages) return context.skip(`no text of ${paper} in ${papersDir} (set LITCOMP_PAPERS; the PaLM 2 report is never here); its figures stay unchecked`);
      const wrong: string[] = [];
      let checked = 0;
      for (const text of texts) {
        for (const segment of citedSegments(text.markdown)) {
          for (const figure of copiedFigures(segment.text)) {
            checked++;
            if (!segment.pages.some((page) => figureOnPage(figure, pages.get(page) ?? ''))) {
              wrong.push(`${text.file}: ${figure} is not on p. ${segment.pages.join('/')} ("…${segment.text.trim().slice(-80)}")`);
            }
          }
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(checked > 0, `${paper}: no figure was checked`);
    });
  }
});
