import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LiteratureCompanionApi } from '../../src/extension';
import type { AttachFolderResult, AttachPdfResult, DownloadPdfsResult } from '../../src/features/pdfs';
import { challengeFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column } from '../support/pdfFixtures';
import { startPdfServer, type PdfServer } from '../support/pdfServer';
import { activateExtension, waitFor } from './support';

const PDF = buildPdf([{ texts: column(['Reward models learn from pairwise comparisons.', 'A second line.'], 72, 700) }]);
const OTHER_PDF = buildPdf([{ texts: column(['A different printing of the same paper.'], 72, 700) }]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Papers of the temporary corpus, each set up for one case. */
const OK = '1111.00001';
const WRONG_HASH = '1111.00002';
const DROPPED = '1111.00003';
const NOT_PINNED = '1111.00004';
const ATTACH_MATCH = '1111.00005';
const ATTACH_DIFFERENT = '1111.00006';
const FOLDER_BY_ID = '1111.00007';
const FOLDER_BY_TITLE = '1111.00008';
const FOLDER_TITLE = 'Scaling Laws for Reward Model Overoptimization in Folders';

describe('Download paper PDFs and Attach PDF… in a real extension host', () => {
  let api: LiteratureCompanionApi;
  let server: PdfServer;
  let pdfDir: string;
  let corpusRoot: string;
  const announced: string[] = [];
  let subscription: vscode.Disposable | undefined;
  const settings = () => vscode.workspace.getConfiguration('literatureCompanion');

  before(async () => {
    api = await activateExtension();
    server = await startPdfServer({
      [`/pdf/${OK}v1`]: { kind: 'file', body: PDF },
      [`/pdf/${WRONG_HASH}v1`]: { kind: 'file', body: PDF },
      [`/pdf/${DROPPED}v1`]: { kind: 'drop', body: Buffer.concat([PDF, Buffer.alloc(100_000, 0x20)]), after: 30_000 },
    });
    // Read by the extension only in its test mode (extensionTestsPath), never from a setting.
    process.env.LITCOMP_TEST_DOWNLOAD_BASE = server.origin;
    corpusRoot = writeCorpus({
      [`papers/${OK}.md`]: paperFile(OK, { sha256: `"${sha(PDF)}"` }),
      [`papers/${WRONG_HASH}.md`]: paperFile(WRONG_HASH, { sha256: `"${'ab'.repeat(32)}"` }),
      [`papers/${DROPPED}.md`]: paperFile(DROPPED),
      [`papers/${NOT_PINNED}.md`]: paperFile(NOT_PINNED, { pdfUrl: `${server.origin.replace('http:', 'https:')}/pdf/${NOT_PINNED}v1` }),
      [`papers/${ATTACH_MATCH}.md`]: paperFile(ATTACH_MATCH, { sha256: `"${sha(PDF)}"` }),
      [`papers/${ATTACH_DIFFERENT}.md`]: paperFile(ATTACH_DIFFERENT, { sha256: `"${sha(OTHER_PDF)}"` }),
      [`papers/${FOLDER_BY_ID}.md`]: paperFile(FOLDER_BY_ID),
      [`papers/${FOLDER_BY_TITLE}.md`]: paperFile(FOLDER_BY_TITLE, { title: FOLDER_TITLE }),
      'taxonomy/1.md': challengeFile('1', 'A challenge'),
    });
    pdfDir = mkdtempSync(join(tmpdir(), 'litcomp-host-pdf-'));
    await settings().update('pdfFolder', pdfDir, vscode.ConfigurationTarget.Workspace);
    await settings().update('corpusPath', corpusRoot, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => ((await api.corpus.get()).root === corpusRoot ? true : undefined), 'the test corpus to load');
    assert.equal(api.pdfs.targetFolder(), pdfDir);
    subscription = api.pdfs.onDidChange((id) => announced.push(id));
  });

  after(async () => {
    subscription?.dispose();
    delete process.env.LITCOMP_TEST_DOWNLOAD_BASE;
    await settings().update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('pdfFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => ((await api.corpus.get()).root !== corpusRoot ? true : undefined), 'the bundled corpus to come back');
    await server.close();
  });

  it('downloads the pinned version into the PDF folder, and reports each failure while carrying on', async () => {
    const result = await vscode.commands.executeCommand<DownloadPdfsResult>('literatureCompanion.downloadPdfs', { confirm: false, papers: [OK, WRONG_HASH, DROPPED, NOT_PINNED] });
    assert.equal(result.status, 'done');
    assert.equal(result.folder, pdfDir);
    const byPaper = new Map(result.results.map((outcome) => [outcome.paper, outcome]));

    const ok = byPaper.get(OK);
    assert.ok(ok?.ok, JSON.stringify(ok));
    assert.equal(ok.file, join(pdfDir, `${OK}.pdf`));
    assert.ok(readFileSync(ok.file).equals(PDF), 'the downloaded bytes are the served PDF');
    assert.equal(api.pdfs.find(OK), ok.file);
    assert.deepEqual(announced, [OK]);

    const wrong = byPaper.get(WRONG_HASH);
    assert.ok(wrong && !wrong.ok);
    assert.equal(wrong.kind, 'hash-mismatch');
    assert.match(wrong.error, /sha256/);

    const dropped = byPaper.get(DROPPED);
    assert.ok(dropped && !dropped.ok);
    assert.equal(dropped.kind, 'connection-dropped');
    assert.match(dropped.error, /dropped/);

    const notPinned = byPaper.get(NOT_PINNED);
    assert.ok(notPinned && !notPinned.ok);
    assert.equal(notPinned.kind, 'not-allowed');
    assert.match(notPinned.error, /pinned arXiv address https:\/\/arxiv\.org\/pdf\/1111\.00004v1/);
    assert.ok(!server.requests.some((path) => path.includes(NOT_PINNED)), 'a pdfUrl outside the allow-list is never fetched');

    // Only the good PDF is there: no partial file, no temporary file.
    assert.deepEqual(readdirSync(pdfDir), [`${OK}.pdf`]);
  });

  it('does not download again what is already present', async () => {
    const before = server.requests.length;
    const result = await vscode.commands.executeCommand<DownloadPdfsResult>('literatureCompanion.downloadPdfs', { confirm: false, papers: [OK] });
    assert.equal(result.status, 'nothing-missing');
    assert.equal(server.requests.length, before);
  });

  it('reports an unknown paper id instead of ignoring it', async () => {
    const result = await vscode.commands.executeCommand<DownloadPdfsResult>('literatureCompanion.downloadPdfs', { confirm: false, papers: ['9999.99999'] });
    assert.deepEqual(result.results.map((outcome) => [outcome.paper, outcome.ok]), [['9999.99999', false]]);
  });

  it('attaches a local PDF whose hash matches the pinned one', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'litcomp-attach-')), 'my copy.pdf');
    writeFileSync(source, PDF);
    const result = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', ATTACH_MATCH, source, { confirm: false });
    assert.equal(result.status, 'attached', result.error);
    assert.equal(result.matchesPinned, true);
    assert.equal(result.file, join(pdfDir, `${ATTACH_MATCH}.pdf`));
    assert.ok(readFileSync(result.file!).equals(PDF));
    assert.equal(api.pdfs.find(ATTACH_MATCH), result.file);
    assert.ok(announced.includes(ATTACH_MATCH));
    const again = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', { kind: 'paper', paper: { id: ATTACH_MATCH } }, source, { confirm: false });
    assert.equal(again.status, 'unchanged', 'the same file again (given as a tree node) changes nothing');
  });

  it('attaches a PDF that differs from the pinned version once confirmed, and keeps a different file unless told to replace it', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'litcomp-attach-')), 'preprint.pdf');
    writeFileSync(source, PDF);
    const result = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', ATTACH_DIFFERENT, source, { confirm: false });
    assert.equal(result.status, 'attached', result.error);
    assert.equal(result.matchesPinned, false, 'the hash differs from the pinned one');
    assert.ok(readFileSync(join(pdfDir, `${ATTACH_DIFFERENT}.pdf`)).equals(PDF));

    const pinned = join(mkdtempSync(join(tmpdir(), 'litcomp-attach-')), 'pinned.pdf');
    writeFileSync(pinned, OTHER_PDF);
    const refused = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', ATTACH_DIFFERENT, pinned, { confirm: false });
    assert.equal(refused.status, 'failed');
    assert.match(refused.error!, /already exists/);
    assert.ok(readFileSync(join(pdfDir, `${ATTACH_DIFFERENT}.pdf`)).equals(PDF), 'the existing PDF is untouched');

    const replaced = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', ATTACH_DIFFERENT, pinned, { confirm: false, replace: true });
    assert.equal(replaced.status, 'attached', replaced.error);
    assert.equal(replaced.matchesPinned, true);
    assert.ok(readFileSync(join(pdfDir, `${ATTACH_DIFFERENT}.pdf`)).equals(OTHER_PDF));
  });

  it('refuses a file that is not a PDF, naming it, and attaches nothing', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'litcomp-attach-')), 'notes.pdf');
    writeFileSync(source, '<html>not a pdf</html>');
    const result = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', DROPPED, source, { confirm: false });
    assert.equal(result.status, 'failed');
    assert.match(result.error!, /notes\.pdf is not a PDF/);
    assert.ok(!existsSync(join(pdfDir, `${DROPPED}.pdf`)));
    assert.ok(readdirSync(pdfDir).every((name) => !name.endsWith('.part')), 'no temporary file is left');
  });

  it('attaches a folder of PDFs: by the id in the name and by the title on the first page, never overwriting', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'litcomp-attach-folder-'));
    writeFileSync(join(folder, `${FOLDER_BY_ID}v1.pdf`), buildPdf([{ texts: column(['A paper found by its file name.'], 72, 700) }]));
    writeFileSync(join(folder, 'download.pdf'), buildPdf([{ texts: column(['Scaling Laws for Reward Model', 'Overoptimization in Folders', 'A. Author'], 72, 700) }]));
    writeFileSync(join(folder, 'holiday.pdf'), buildPdf([{ texts: column(['Photos of a holiday.'], 72, 700) }]));
    writeFileSync(join(folder, `${ATTACH_MATCH}.pdf`), OTHER_PDF); // this paper already has a different PDF
    const result = await vscode.commands.executeCommand<AttachFolderResult>('literatureCompanion.attachPdfFolder', folder);
    assert.equal(result.status, 'done', result.error);
    assert.deepEqual(result.attached.map((item) => `${item.paper} by ${item.by}`).sort(), [`${FOLDER_BY_ID} by id`, `${FOLDER_BY_TITLE} by title`]);
    assert.ok(existsSync(join(pdfDir, `${FOLDER_BY_ID}.pdf`)) && existsSync(join(pdfDir, `${FOLDER_BY_TITLE}.pdf`)));
    assert.deepEqual(result.keptExisting.map((item) => item.paper), [ATTACH_MATCH]);
    assert.ok(readFileSync(join(pdfDir, `${ATTACH_MATCH}.pdf`)).equals(PDF), 'an attached PDF is never overwritten by a folder');
    assert.deepEqual(result.unmatched.map((file) => file.split(/[\\/]/).pop()), ['holiday.pdf']);
    assert.ok(announced.includes(FOLDER_BY_TITLE), 'views and panels hear about the new PDF');

    // The next dialog (file or folder) opens where the person last was, not in the workspace.
    const original = vscode.window.showOpenDialog;
    const asked: (vscode.OpenDialogOptions | undefined)[] = [];
    (vscode.window as { showOpenDialog: typeof original }).showOpenDialog = async (options) => (asked.push(options), undefined);
    try {
      const cancelled = await vscode.commands.executeCommand<AttachFolderResult>('literatureCompanion.attachPdfFolder');
      assert.equal(cancelled.status, 'cancelled');
      const single = await vscode.commands.executeCommand<AttachPdfResult>('literatureCompanion.attachPdf', DROPPED);
      assert.equal(single.status, 'cancelled');
    } finally {
      (vscode.window as { showOpenDialog: typeof original }).showOpenDialog = original;
    }
    assert.deepEqual(asked.map((options) => options?.defaultUri?.fsPath), [folder, folder]);
    assert.equal(asked[0]?.canSelectFolders, true);
  });
});
