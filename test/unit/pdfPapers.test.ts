import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import { fixtureDir } from '../support/pdfFixtures';
import { papersDir } from '../support/cli';

const bundled = join(__dirname, '..', '..', 'sources');
const extractor = new PdfTextExtractor({ workerScript: join(__dirname, '..', '..', 'dist', 'pdfWorker.js') });
after(() => extractor.dispose());

describe('the real papers through the worker: every bundled quote anchors at its page, with rectangles and paragraph', async () => {
  const corpus = await loadCorpus(bundled);
  const cacheDir = fixtureDir();
  for (const paper of corpus.papers.values()) {
    const pdf = join(papersDir, `${paper.id}.pdf`);
    const quotes = corpus.links.filter((link) => link.paper === paper.id).flatMap((link) => link.evidence);
    if (quotes.length === 0) continue;
    const skip = existsSync(pdf) ? false : `skipped: ${pdf} is not on this machine (set LITCOMP_PAPERS to the folder of the papers' PDFs)`;
    it(`${paper.id}${paper.version}`, { skip }, async () => {
      const document = await extractor.extract(pdf, { cacheDir });
      if (paper.sha256) assert.equal(document.sha256, paper.sha256);
      for (const quote of quotes) {
        const anchor = anchorQuote(document.pages, { exact: quote.quote, page: quote.page });
        assert.equal(anchor.status, 'found', `p.${quote.page} "${quote.quote.slice(0, 60)}…": ${anchor.status} ${anchor.page}`);
        assert.notEqual(anchor.method, 'fuzzy');
        assert.ok(anchor.rects.length > 0);
        assert.ok(anchor.paragraph.length >= Math.min(quote.quote.length, 1000) * 0.9, anchor.paragraph);
      }
      assert.equal((await extractor.extract(pdf, { cacheDir })).fromCache, true);
    });
  }
});
