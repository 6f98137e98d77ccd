import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { serializeAnnotationFile } from '../../src/core/annotations';
import type { QuoteVerdict } from '../../src/core/pdf';
import type { LiteratureCompanionApi } from '../../src/extension';
import { PDF_VIEWER_VIEW_TYPE, type PdfViewerEditor } from '../../src/features/viewer';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column } from '../support/pdfFixtures';
import { activateExtension, EXTENSION_ID, waitFor } from './support';

const PAGE_TWO = ['Reward models are trained on human comparisons.', 'Optimizing the policy too hard against the reward', 'model makes the summaries worse again.'];
const PAGE_THREE = ['A passage that only appears on the third page.', 'It continues here with a second line of text.'];
const QUOTE = 'Optimizing the policy too hard against the reward model makes the summaries worse again.';

function within<T>(promise: Promise<T>, what: string, ms = 30_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

function fixturePdf(): Buffer {
  return buildPdf([{ texts: column(['Title page'], 72, 720) }, { texts: column(PAGE_TWO, 72, 700) }, { texts: column(PAGE_THREE, 72, 700) }]);
}

/** Closes the viewers' tabs, as a person does. */
async function closeViewers(api: LiteratureCompanionApi): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === PDF_VIEWER_VIEW_TYPE);
  await vscode.window.tabGroups.close(tabs);
  await waitFor(() => (api.viewer.openEditors.length === 0 ? true : undefined), 'viewers closed');
}

describe('the PDF viewer (custom editor for *.pdf) in the real extension host', () => {
  let api: LiteratureCompanionApi;
  let folder: string;
  let pdf: string;
  const settings = () => vscode.workspace.getConfiguration('literatureCompanion');

  before(async () => {
    api = await activateExtension();
    folder = mkdtempSync(join(tmpdir(), 'litcomp-viewer-'));
    pdf = join(folder, 'some paper.pdf');
    writeFileSync(pdf, fixturePdf());
  });

  afterEach(() => closeViewers(api));

  it('is contributed for every *.pdf, read-only, as the default editor', () => {
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.customEditors as { viewType: string; selector: { filenamePattern: string }[]; priority: string }[];
    const viewer = contributed.find((editor) => editor.viewType === PDF_VIEWER_VIEW_TYPE);
    assert.ok(viewer, 'customEditors has the viewer');
    assert.deepEqual(viewer.selector, [{ filenamePattern: '*.pdf' }]);
    assert.equal(viewer.priority, 'default');
  });

  it('opens a PDF with vscode.open (no viewType given) and draws page 1', async () => {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(pdf));
    const editor = await waitFor(() => api.viewer.openEditors.find((candidate) => candidate.uri.fsPath === pdf), 'the viewer to resolve');
    const pageCount = await within(editor.until((report) => report.rendered.has(1) && report.pageCount), 'page 1 drawn');
    assert.equal(pageCount, 3);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'a custom editor tab');
    assert.equal((tab.input as vscode.TabInputCustom).viewType, PDF_VIEWER_VIEW_TYPE);
    assert.ok(editor.report.pdfStart && ['worker', 'main-thread'].includes(editor.report.pdfStart.mode));
    console.log(`      pdf.js started in the viewer (${editor.report.pdfStart.mode}) in ${editor.report.pdfStart.ms} ms`);
  });

  it('opens at a page with a quote highlighted (what the excerpt panel\'s "Open PDF" asks for)', async () => {
    const editor: PdfViewerEditor = await vscode.commands.executeCommand('literatureCompanion.openPdfViewer', { file: pdf, page: 2, quote: QUOTE });
    const highlights = await within(editor.until((report) => report.rendered.get(2)), 'page 2 drawn with the quote');
    assert.ok(highlights >= 2, `one box per line of the quote (${highlights})`);
    const view = await within(editor.until((report) => report.view?.page === 2 && report.view), 'page 2 in view');
    assert.equal(view.page, 2);
  });

  it('moves an open viewer to another page instead of opening a second one', async () => {
    const first = await within(Promise.resolve(vscode.commands.executeCommand<PdfViewerEditor>('literatureCompanion.openPdfViewer', { file: pdf, page: 1 })), 'the viewer to open', 10_000);
    await within(first.until((report) => report.rendered.has(1)), 'page 1 drawn', 10_000);
    const again = await within(Promise.resolve(vscode.commands.executeCommand<PdfViewerEditor>('literatureCompanion.openPdfViewer', { file: pdf, page: 3 })), 'the second open', 5_000);
    assert.equal(again, first);
    await within(first.until((report) => report.view?.page === 3), `page 3 in view (last view: ${JSON.stringify(first.report.view)})`, 10_000);
    assert.equal(api.viewer.openEditors.length, 1);
  });

  describe('"Use as Evidence…"', () => {
    let corpusRoot: string;

    before(async () => {
      corpusRoot = writeCorpus({
        'papers/1111.00001.md': paperFile('1111.00001'),
        'taxonomy/1.md': challengeFile('1', 'One'),
        'taxonomy/2.md': challengeFile('2', 'Two'),
        'evidence/1111.00001.yaml': evidenceFile('1111.00001', [{ challenge: '1', page: 2, quote: PAGE_TWO[0]! }]),
      });
      mkdirSync(join(corpusRoot, 'pdf'));
      writeFileSync(join(corpusRoot, 'pdf', '1111.00001.pdf'), fixturePdf());
    });

    after(() => settings().update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace));

    it('adds the selected text to a new paper ↔ challenge link; the quote verifies with "Verify All Quotes"', async () => {
      await settings().update('corpusPath', corpusRoot, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => ((await api.corpus.get()).root === corpusRoot ? true : undefined), 'the test corpus');
      // The text layer's selection: lines joined by line breaks, as window.getSelection() gives them.
      const selected = `${PAGE_THREE[0]}\n${PAGE_THREE[1]}`;
      const outcome = await api.viewer.evidence.add(vscode.Uri.file(pdf), 3, selected, { target: 'link', paper: '1111.00001', challenge: '2', rationale: 'The third page says so.' });
      assert.ok(outcome.added, JSON.stringify(outcome));
      assert.equal(outcome.verification, 'found');
      assert.equal(outcome.quote, `${PAGE_THREE[0]} ${PAGE_THREE[1]}`);
      const yaml = readFileSync(join(corpusRoot, 'evidence', '1111.00001.yaml'), 'utf8');
      assert.ok(yaml.includes(`quote: "${PAGE_THREE[0]} ${PAGE_THREE[1]}"`), yaml);
      assert.ok(yaml.includes(`quote: "${PAGE_TWO[0]}"`), 'the existing quote is kept');
      const verdicts = await vscode.commands.executeCommand<QuoteVerdict[]>('literatureCompanion.verifyQuotes');
      const added = verdicts.find((verdict) => verdict.quote === outcome.quote);
      assert.equal(added?.status, 'found', JSON.stringify(verdicts));
      assert.equal(added?.challenge, '2');
    });

    it('says why when the selection is not on that page, and writes nothing', async () => {
      const before = readFileSync(join(corpusRoot, 'evidence', '1111.00001.yaml'), 'utf8');
      const outcome = await api.viewer.evidence.add(vscode.Uri.file(pdf), 1, PAGE_THREE[0]!, { target: 'link', paper: '1111.00001', challenge: '1' });
      assert.equal(outcome.added, false);
      assert.match(!outcome.added ? outcome.message : '', /not found in the text of page 1/);
      assert.equal(readFileSync(join(corpusRoot, 'evidence', '1111.00001.yaml'), 'utf8'), before);
    });

    it('never writes into the bundled corpus: a folder of the person\'s own starts as a copy of it', async () => {
      await settings().update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => (api.corpus.isBundled() && (await api.corpus.get()).papers.has('2009.01325') ? true : undefined), 'the bundled corpus');
      const bundledEvidence = join(api.corpus.bundledRoot(), 'evidence');
      const snapshot = readdirSync(bundledEvidence).map((file) => readFileSync(join(bundledEvidence, file), 'utf8'));
      const own = mkdtempSync(join(tmpdir(), 'litcomp-own-corpus-'));
      // A paper the bundled corpus lacks: the flow stops after the corpus switch, having written no quote.
      const outcome = await api.viewer.evidence.add(vscode.Uri.file(pdf), 2, QUOTE, { target: 'link', corpusFolder: own, paper: 'not-a-paper' });
      assert.equal(outcome.added, false);
      assert.equal(settings().get('corpusPath'), own);
      assert.ok(existsSync(join(own, 'evidence', '2009.01325.yaml')), 'the bundled evidence was copied');
      assert.equal((await api.corpus.get()).root, own);
      assert.deepEqual(readdirSync(bundledEvidence).map((file) => readFileSync(join(bundledEvidence, file), 'utf8')), snapshot, 'the bundled corpus is unchanged');
    });

    it('adds the quote to a claim of the open document through the claims feature', async () => {
      await settings().update('corpusPath', corpusRoot, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => ((await api.corpus.get()).root === corpusRoot ? true : undefined), 'the test corpus');
      const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      // The claims suite leaves a deliberately broken annotation file behind: start from a sound one.
      mkdirSync(join(root, '.literature'), { recursive: true });
      writeFileSync(join(root, '.literature', 'annotations.json'), serializeAnnotationFile([], []));
      await (await api.claims.service.annotations())!.reload();
      const talk = join(root, `viewer-claims-${Date.now()}.md`);
      const sentence = 'Optimising a learned reward too hard makes outputs worse.';
      writeFileSync(talk, `# Talk\n\n${sentence}\n`);
      const document = await vscode.workspace.openTextDocument(talk);
      const shown = await vscode.window.showTextDocument(document);
      const start = document.getText().indexOf(sentence);
      shown.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start + sentence.length));
      const linked = await vscode.commands.executeCommand<{ id: string }>('literatureCompanion.linkClaim', { evidence: [], verdict: 'not-addressed' });
      assert.ok(linked);
      const { claims } = await api.claims.service.claimsOf(document);
      const claim = claims.find((candidate) => candidate.text === sentence)!;
      const outcome = await api.viewer.evidence.add(vscode.Uri.file(pdf), 2, QUOTE, { target: 'claim', paper: '1111.00001', claim: { claimKey: claim.key, verdict: 'supports', note: 'from the viewer' } });
      assert.ok(outcome.added, JSON.stringify(outcome));
      assert.equal(outcome.verification, 'found');
      const after = (await api.claims.service.claimsOf(document)).claims.find((candidate) => candidate.text === sentence)!;
      assert.equal(after.verdict, 'supports');
      assert.deepEqual(after.evidence.map((evidence) => [evidence.paper, evidence.page, evidence.quote]), [['1111.00001', 2, QUOTE]]);
      await api.claims.service.remove(after.annotation!.id);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
});
