import * as vscode from 'vscode';
import * as assert from './assert';
import { activateWebExtension } from './support';

describe('the web extension in the web worker extension host', () => {
  it('runs without Node: the browser entry, not dist/extension.js', async () => {
    const api = await activateWebExtension();
    assert.equal(api.platform, 'web');
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no process object in this host');
    assert.equal(typeof (globalThis as { Buffer?: unknown }).Buffer, 'undefined', 'no Buffer in this host');
    assert.equal(api.files, 'workspace', 'files go through vscode.workspace.fs');
  });

  it('registers every command it shows, and none of those hidden on the web', async () => {
    const registered = new Set((await vscode.commands.getCommands(true)).filter((command) => command.startsWith('literatureCompanion.')));
    for (const command of ['literatureCompanion.linkClaim', 'literatureCompanion.openPaper', 'literatureCompanion.openChallenge', 'literatureCompanion.openClaim', 'literatureCompanion.openEvidenceMap', 'literatureCompanion.filter', 'literatureCompanion.reloadCorpus', 'literatureCompanion.openSourceFile', 'literatureCompanion.downloadPdfs', 'literatureCompanion.attachPdf', 'literatureCompanion.verifyQuotes', 'literatureCompanion.openPdfViewer', 'literatureCompanion.insertCitation', 'literatureCompanion.exportReport']) {
      assert.ok(registered.has(command), `${command} is registered on the web`);
    }
    for (const command of ['literatureCompanion.setUpGitMerge', 'literatureCompanion.importBibliography']) {
      assert.ok(!registered.has(command), `${command} is hidden on the web (package.json: !isWeb), so it is not registered either`);
    }
  });

  it('says why downloading from arXiv is not offered in the browser, and what to do instead', async () => {
    const api = await activateWebExtension();
    const message = await vscode.commands.executeCommand<string>('literatureCompanion.downloadPdfs', { quiet: true });
    assert.match(message ?? '', /browser/);
    assert.match(message ?? '', /pdfFolder|Attach/);
    void api;
  });
});
