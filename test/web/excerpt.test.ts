import * as vscode from 'vscode';
import type { ExcerptTarget } from '../../src/core/excerpt/excerptView';
import type { QuoteVerdict } from '../../src/core/pdf/verifyQuotes';
import type { AttachPdfResult } from '../../src/features/pdfs/attachCommand';
import type { ExcerptPanel, ExcerptReport } from '../../src/features/excerpt';
import type { WebCompanionApi } from '../../src/web/extension';
import * as assert from './assert';
import { activateWebExtension, fileUri, waitFor } from './support';

// Written by fixtures.ts into the workspace before the server started.
const WEB_CORPUS = 'web-corpus';
const WEB_PAPER = '1111.00001';
const WEB_QUOTE = 'Optimizing the policy too hard against the reward model makes the summaries worse again.';

function within<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

async function openExcerpt(target: ExcerptTarget): Promise<ExcerptReport> {
  const panel = await vscode.commands.executeCommand<ExcerptPanel>('literatureCompanion.openExcerpt', target);
  return within(panel.until((r) => r.view?.kind === 'excerpt-unavailable' || r.rendered !== undefined), `excerpt of "${target.quote}"`);
}

describe('the excerpt panel and Verify All Quotes on the web: a workspace PDF read by pdf.js in a Blob-URL worker', () => {
  let api: WebCompanionApi;
  const settings = () => vscode.workspace.getConfiguration('literatureCompanion');

  before(async () => {
    api = await activateWebExtension();
    await settings().update('corpusPath', WEB_CORPUS, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => ((await api.corpus.get()).papers.has(WEB_PAPER) ? true : undefined), 'the web test corpus');
  });

  after(async () => {
    api.excerpts.openPanels.forEach((panel) => panel.panel.dispose());
    await settings().update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('finds the quote at its stated page, renders that page and highlights it', async () => {
    const report = await openExcerpt({ paper: WEB_PAPER, page: 2, quote: WEB_QUOTE });
    assert.equal(report.view?.kind, 'excerpt', JSON.stringify(report.view));
    if (report.view?.kind !== 'excerpt') return;
    assert.equal(report.view.status, 'found');
    assert.equal(report.view.page, 2);
    assert.equal(report.view.pageCount, 2);
    assert.ok(report.view.rects.length >= 2, 'one box per line of the quote');
    assert.deepEqual(report.rendered, { page: 2, highlights: report.view.rects.length, pages: [{ page: 2, highlights: report.view.rects.length }] });
  });

  it('verifies every stored quote against the workspace PDF (Verify All Quotes)', async () => {
    const verdicts = await vscode.commands.executeCommand<QuoteVerdict[]>('literatureCompanion.verifyQuotes');
    assert.deepEqual(verdicts.map((verdict) => [verdict.paper, verdict.status, verdict.label]), [[WEB_PAPER, 'found', 'found']]);
  });

  it('attaches a PDF from the workspace to a paper (Attach PDF…, the browser\'s way in for PDFs)', async () => {
    const placed = fileUri(WEB_CORPUS, 'pdf', `${WEB_PAPER}.pdf`);
    const incoming = fileUri('incoming', 'the paper.pdf');
    await vscode.workspace.fs.createDirectory(fileUri('incoming'));
    await vscode.workspace.fs.rename(placed, incoming, { overwrite: true });
    try {
      assert.equal(await api.pdfs.locate(WEB_PAPER), undefined, 'no PDF for the paper once it is moved away');
      const result = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', WEB_PAPER, incoming.path, { confirm: false });
      assert.equal(result.status, 'attached', JSON.stringify(result));
      assert.equal(result.file, placed.path, 'into the corpus\'s pdf/ folder, named by the paper id');
      assert.equal(await api.pdfs.locate(WEB_PAPER), placed.path);
      const again = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', WEB_PAPER, incoming.path, { confirm: false });
      assert.equal(again.status, 'unchanged', 'the same file again changes nothing');
    } finally {
      await vscode.workspace.fs.copy(incoming, placed, { overwrite: true }).then(undefined, () => undefined);
    }
  });

  it('never shows a quote that is not in the workspace PDF as found', async () => {
    const report = await openExcerpt({ paper: WEB_PAPER, page: 2, quote: 'A quote of a paper whose PDF is elsewhere.' });
    assert.ok(report.view?.kind === 'excerpt', 'the PDF is there: the panel opens on it');
    assert.equal(report.view.status, 'not-found', 'a quote not in the PDF is never shown as found');
  });
});
