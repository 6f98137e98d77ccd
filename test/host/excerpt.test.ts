import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExcerptTarget } from '../../src/core/excerpt/excerptView';
import type { QuoteVerdict } from '../../src/core/pdf';
import type { LiteratureCompanionApi } from '../../src/extension';
import type { ExcerptPanel, ExcerptReport } from '../../src/features/excerpt';
import { evidenceFile, paperFile, challengeFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column } from '../support/pdfFixtures';
import { activateExtension, waitFor } from './support';

const PAGE_TWO = ['Reward models are trained on human comparisons.', 'Optimizing the policy too hard against the reward', 'model makes the summaries worse again.'];
const PAGE_THREE = ['A passage that only appears on the third page.'];

function within<T>(promise: Promise<T>, what: string, ms = 30_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

async function openExcerpt(target: ExcerptTarget): Promise<{ panel: ExcerptPanel; report: ExcerptReport }> {
  const panel = await vscode.commands.executeCommand<ExcerptPanel>('literatureCompanion.openExcerpt', target);
  const report = await within(panel.until((r) => r.view?.kind === 'excerpt-unavailable' || r.rendered !== undefined), `excerpt of "${target.quote}"`);
  return { panel, report };
}

describe('excerpt panels and quote verification in the real extension host', () => {
  let api: LiteratureCompanionApi;
  const settings = () => vscode.workspace.getConfiguration('literatureCompanion');

  before(async () => {
    api = await activateExtension();
    const root = writeCorpus({
      'papers/1111.00001.md': paperFile('1111.00001'),
      'papers/2222.00002.md': paperFile('2222.00002'),
      'papers/3333.00003.md': paperFile('3333.00003'),
      'taxonomy/1.md': challengeFile('1', 'One'),
      'evidence/1111.00001.yaml': evidenceFile('1111.00001', [
        { challenge: '1', page: 2, quote: 'Optimizing the policy too hard against the reward model makes the summaries worse again.' },
      ]),
      'evidence/2222.00002.yaml': evidenceFile('2222.00002', [{ challenge: '1', page: 1, quote: 'A quote whose PDF is missing.' }]),
      'evidence/3333.00003.yaml': evidenceFile('3333.00003', [{ challenge: '1', page: 1, quote: 'Anything.' }]),
    });
    const pdfs = join(root, 'pdf');
    require('node:fs').mkdirSync(pdfs);
    writeFileSync(join(pdfs, '1111.00001.pdf'), buildPdf([{ texts: column(['Title page'], 72, 720) }, { texts: column(PAGE_TWO, 72, 700) }, { texts: column(PAGE_THREE, 72, 700) }]));
    writeFileSync(join(pdfs, '3333.00003.pdf'), '<html>not a pdf</html>');
    await settings().update('corpusPath', root, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => ((await api.corpus.get()).root === root ? true : undefined), 'the test corpus');
  });

  after(async () => {
    api.excerpts.openPanels.forEach((panel) => panel.panel.dispose());
    await settings().update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('finds a quote at its stated page, renders that page and highlights it', async () => {
    const { report } = await openExcerpt({ paper: '1111.00001', page: 2, quote: 'Optimizing the policy too hard against the reward model makes the summaries worse again.' });
    assert.equal(report.view?.kind, 'excerpt');
    if (report.view?.kind !== 'excerpt') return;
    assert.equal(report.view.status, 'found');
    assert.equal(report.view.page, 2);
    assert.equal(report.view.pageCount, 3);
    assert.match(report.view.paragraph.match, /Optimizing the policy too hard/);
    assert.deepEqual(report.rendered, { page: 2, highlights: report.view.rects.length, pages: [{ page: 2, highlights: report.view.rects.length }] });
    assert.ok(report.view.rects.length >= 2, 'one box per line of the quote');
    assert.ok(report.pdfStart && ['worker', 'main-thread'].includes(report.pdfStart.mode));
    console.log(`      pdf.js started in the webview (${report.pdfStart.mode}) in ${report.pdfStart.ms} ms`);
  });

  it('draws both pages of a quote across a page break, highlighted on each', async () => {
    const { report } = await openExcerpt({ paper: '1111.00001', page: 2, quote: 'makes the summaries worse again. A passage that only appears' });
    assert.ok(report.view?.kind === 'excerpt');
    assert.equal(report.view.status, 'found');
    assert.deepEqual(report.view.parts.map((part) => part.page), [2, 3]);
    assert.deepEqual(report.rendered?.pages.map((page) => page.page), [2, 3]);
    assert.ok(report.rendered.pages.every((page) => page.highlights > 0), JSON.stringify(report.rendered));
  });

  it('says when a quote is on another page than the corpus states', async () => {
    const { report } = await openExcerpt({ paper: '1111.00001', page: 2, quote: 'A passage that only appears on the third page.' });
    assert.ok(report.view?.kind === 'excerpt');
    assert.equal(report.view.status, 'found-elsewhere');
    assert.equal(report.view.page, 3);
  });

  it('lists a quote that is not in the PDF instead of dropping it', async () => {
    const { report } = await openExcerpt({ paper: '1111.00001', page: 2, quote: 'Nothing like this sentence was ever printed.' });
    assert.ok(report.view?.kind === 'excerpt');
    assert.equal(report.view.status, 'not-found');
    assert.equal(report.view.page, 2, 'the stated page is shown');
  });

  it('offers download and attach when the PDF is missing', async () => {
    const { report } = await openExcerpt({ paper: '2222.00002', page: 1, quote: 'A quote whose PDF is missing.' });
    assert.ok(report.view?.kind === 'excerpt-unavailable');
    assert.equal(report.view.reason, 'pdf-missing');
    assert.match(report.view.message, /not on this computer/);
    assert.match(report.view.message, /attach a folder of PDFs/);
  });

  it('names the file when it is not a PDF, and the other panels keep working', async () => {
    const { report } = await openExcerpt({ paper: '3333.00003', page: 1, quote: 'Anything.' });
    assert.ok(report.view?.kind === 'excerpt-unavailable');
    assert.equal(report.view.reason, 'pdf-error');
    assert.match(report.view.message, /3333\.00003\.pdf/);
    assert.match(report.view.message, /not a PDF/i);
    const again = await openExcerpt({ paper: '1111.00001', page: 2, quote: 'Optimizing the policy too hard against the reward model makes the summaries worse again.' });
    assert.ok(again.report.view?.kind === 'excerpt' && again.report.view.status === 'found');
  });

  it('"Verify all quotes" gives every stored quote a status', async () => {
    const verdicts = await vscode.commands.executeCommand<QuoteVerdict[]>('literatureCompanion.verifyQuotes');
    const byPaper = Object.fromEntries(verdicts.map((verdict) => [verdict.paper, verdict.status]));
    assert.deepEqual(byPaper, { '1111.00001': 'found', '2222.00002': 'pdf-missing', '3333.00003': 'pdf-error' });
  });
});

describe('excerpts of the bundled corpus from the real papers', () => {
  const papers = process.env.LITCOMP_PAPERS ?? '';

  it('finds a Casper et al. quote on its stated page of the pinned PDF', async function () {
    if (!existsSync(join(papers, '2307.15217.pdf'))) {
      console.log(`      skipped: no ${join(papers, '2307.15217.pdf')} (set LITCOMP_PAPERS to the folder of the papers' PDFs)`);
      this.skip();
    }
    const api = await activateExtension();
    await vscode.workspace.getConfiguration('literatureCompanion').update('pdfFolder', papers, vscode.ConfigurationTarget.Workspace);
    try {
      const corpus = await api.corpus.get();
      const link = corpus.links.find((candidate) => candidate.paper === '2307.15217')!;
      const evidence = link.evidence[0]!;
      const { report, panel } = await openExcerpt({ paper: '2307.15217', page: evidence.page, quote: evidence.quote });
      assert.ok(report.view?.kind === 'excerpt', JSON.stringify(report.view));
      assert.equal(report.view.status, 'found');
      assert.equal(report.view.page, evidence.page);
      assert.ok((report.rendered?.highlights ?? 0) > 0);
      panel.panel.dispose();
    } finally {
      await vscode.workspace.getConfiguration('literatureCompanion').update('pdfFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
