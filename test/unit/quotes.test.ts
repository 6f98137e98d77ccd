import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { extractPageTexts } from '../../src/core/pdf/pageText';
import { locateQuote } from '../../src/core/pdf/quoteCheck';
import { papersDir } from '../support/cli';

const bundled = join(__dirname, '..', '..', 'sources');

describe('every bundled quote is verbatim on its stated page of the pinned PDF', async () => {
  const corpus = await loadCorpus(bundled);
  for (const paper of corpus.papers.values()) {
    const pdf = join(papersDir, `${paper.id}.pdf`);
    const links = corpus.links.filter((link) => link.paper === paper.id);
    const quotes = links.flatMap((link) => link.evidence.map((evidence) => ({ ...evidence, challenge: link.challenge })));
    if (quotes.length === 0) continue;
    const skip = existsSync(pdf) ? false : `PDF ${pdf} is not on this machine; its ${quotes.length} quote(s) stay unverified`;
    it(`${paper.id}${paper.version}: ${quotes.length} quote(s)`, { skip }, async () => {
      const pages = await extractPageTexts(pdf);
      const wrong = quotes
        .map((quote) => ({ quote, found: locateQuote(pages, quote.quote, quote.page) }))
        .filter(({ found }) => found.status !== 'found')
        .map(({ quote, found }) => `§${quote.challenge} p.${quote.page}: ${found.status}${'page' in found ? ` (p.${found.page})` : ''}: "${quote.quote.slice(0, 60)}…"`);
      assert.deepEqual(wrong, []);
    });
  }
});
