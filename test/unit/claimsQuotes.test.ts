import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findInTalk, loadClaims, type ClaimEvidence } from '../../src/core/claims';
import { loadCorpus } from '../../src/core/corpus/load';
import { extractPageTexts } from '../../src/core/pdf/pageText';
import { locateQuote } from '../../src/core/pdf/quoteCheck';
import { papersDir } from '../support/cli';

const root = join(__dirname, '..', '..');
const bundledCorpus = join(root, 'sources');
const claimsFile = join(bundledCorpus, 'claims', 'talk-ru.yaml');
const talkFile = join(root, 'example', 'talk-ru.md');

type Located = ClaimEvidence & { claim: string };
// The bundled talk lives in example/, beside sources/: the package is where it may be read from.
const talkWithin = [root];

async function bundledQuotes(): Promise<Located[]> {
  const { claims } = await loadClaims(claimsFile);
  return claims.flatMap((claim) => claim.evidence.map((evidence) => ({ ...evidence, claim: claim.id })));
}

describe('the bundled talk\'s claims', () => {
  it('load without a single problem, against the bundled corpus', async () => {
    const corpus = await loadCorpus(bundledCorpus);
    const { claims, problems } = await loadClaims(claimsFile, corpus, { talkWithin });
    assert.deepEqual(problems, []);
    assert.ok(claims.length >= 15 && claims.length <= 25, `${claims.length} claims`);
  });

  it('quote the talk verbatim: every claim text is a span of one line of example/talk-ru.md', async () => {
    const markdown = readFileSync(talkFile, 'utf8');
    const { claims } = await loadClaims(claimsFile);
    const missing = claims.filter((claim) => findInTalk(markdown, claim.text) === undefined).map((claim) => claim.id);
    assert.deepEqual(missing, []);
  });

  it('cite every pinned evidence version, and every verdict but not-addressed has evidence', async () => {
    const corpus = await loadCorpus(bundledCorpus);
    const { claims } = await loadClaims(claimsFile);
    for (const claim of claims) {
      if (claim.verdict !== 'not-addressed') assert.ok(claim.evidence.length > 0, claim.id);
      for (const item of claim.evidence) assert.equal(item.version, corpus.papers.get(item.paper)?.version, `${claim.id} ${item.paper}`);
    }
  });

  it('never quote a paper whose text is not here as if from its PDF (PaLM 2: none; Llama 2: transcription only)', async () => {
    const quotes = await bundledQuotes();
    assert.deepEqual(quotes.filter((quote) => quote.paper === '2305.10403').map((quote) => quote.claim), []);
    assert.deepEqual(quotes.filter((quote) => quote.paper === '2307.09288' && quote.source !== 'transcription').map((quote) => quote.claim), []);
  });
});

describe('every claim quote is verbatim on its stated page of the pinned PDF', async () => {
  const quotes = (await bundledQuotes()).filter((quote) => quote.source === 'pdf');
  for (const paper of [...new Set(quotes.map((quote) => quote.paper))].sort()) {
    const own = quotes.filter((quote) => quote.paper === paper);
    const pdf = join(papersDir, `${paper}.pdf`);
    const skip = existsSync(pdf) ? false : `PDF ${pdf} is not on this machine (set LITCOMP_PAPERS); its ${own.length} claim quote(s) stay unverified`;
    it(`${paper}${own[0]!.version}: ${own.length} quote(s)`, { skip }, async () => {
      const pages = await extractPageTexts(pdf);
      const wrong = own
        .map((quote) => ({ quote, found: locateQuote(pages, quote.quote, quote.page) }))
        .filter(({ found }) => found.status !== 'found')
        .map(({ quote, found }) => `${quote.claim} p.${quote.page}: ${found.status}${'page' in found ? ` (p.${found.page})` : ''}: "${quote.quote.slice(0, 60)}…"`);
      assert.deepEqual(wrong, []);
    });
  }
});

describe('every transcription quote (claims and evidence) is in the corrected transcribed page (unverified against the PDF)', async () => {
  const corpus = await loadCorpus(bundledCorpus);
  const evidenceQuotes = corpus.links.flatMap((link) => link.evidence.map((evidence) => ({ paper: link.paper, page: evidence.page, quote: evidence.quote, source: evidence.source, claim: `evidence ${link.paper}→${link.challenge}` })));
  const quotes = [...(await bundledQuotes()), ...evidenceQuotes].filter((quote) => quote.source === 'transcription');
  const folder = join(papersDir, 'llama2-text');
  const skip = existsSync(folder) ? false : `transcription ${folder} is not on this machine (set LITCOMP_PAPERS); ${quotes.length} quote(s) unchecked`;
  it(`Llama 2 (2307.09288): ${quotes.length} quote(s), each found whole on its stated page`, { skip }, () => {
    assert.ok(quotes.length >= 20, `${quotes.length} transcription quotes: the bundled corpus and claims should carry at least 20`);
    assert.ok(quotes.every((quote) => quote.paper === '2307.09288'), 'only Llama 2 quotes come from a transcription');
    // The transcription is Markdown: bold markers and line breaks are not part of the paper's words.
    const collapse = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, ' ');
    const wrong = quotes
      .filter((quote) => {
        const page = join(folder, `page_${quote.page}.md`);
        return !existsSync(page) || !collapse(readFileSync(page, 'utf8')).includes(collapse(quote.quote));
      })
      .map((quote) => `${quote.claim} p.${quote.page}: "${quote.quote.slice(0, 60)}…"`);
    assert.deepEqual(wrong, []);
  });
});
