import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './support';

const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n').replace(/\\([^\w\s])/g, '$1');

describe('The talk\'s reference list', () => {
  let document: vscode.TextDocument;
  let rlaifLine: number;

  before(async () => {
    await activateExtension();
    document = await vscode.workspace.openTextDocument(join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'talk-ru.md'));
    await vscode.window.showTextDocument(document);
    rlaifLine = document.getText().split('\n').findIndex((line) => line.startsWith('3. RLAIIF'));
    assert.ok(rlaifLine > 0, 'the talk lists RLAIIF as its third source');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('links each reference title to its corpus paper\'s summary', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const ours = links.filter((link) => link.target?.scheme === 'command' && link.target.path === 'literatureCompanion.openPaper');
    assert.equal(ours.length, 6, `six reference links; got ${links.map((link) => link.target?.toString()).join(', ')}`);
    const rlaif = ours.find((link) => link.range.start.line === rlaifLine);
    assert.ok(rlaif, 'the RLAIIF line is linked');
    assert.equal(document.getText(rlaif.range), 'RLAIIF: Scaling Reinforcement Learning from Human Feedback with AI Feedback');
    assert.deepEqual(JSON.parse(decodeURIComponent(rlaif.target!.query)), ['2309.00267']);
  });

  it('shows the pinned paper on hover, with the title that differs', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(rlaifLine, 5));
    const text = hoverText(hovers);
    assert.match(text, /RLAIF vs\. RLHF: Scaling Reinforcement Learning from Human Feedback with AI Feedback/);
    assert.match(text, /"RLAIIF" here, "RLAIF vs\. RLHF" in the paper/);
    assert.match(text, /command:literatureCompanion\.openPaper/);
  });

  it('puts the differing title and the PaLM 2 address in Problems as hints, never as errors', async () => {
    const hints = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'Literature Companion' && typeof diagnostic.code === 'string' && ['title-differs', 'other-place'].includes(diagnostic.code));
      return found.length >= 2 ? found : undefined;
    }, 'reference hints in Problems');
    assert.ok(hints.every((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Hint));
    const title = hints.find((diagnostic) => diagnostic.code === 'title-differs')!;
    assert.equal(title.range.start.line, rlaifLine);
    const palm = hints.find((diagnostic) => diagnostic.code === 'other-place')!;
    assert.equal(document.getText(palm.range), '<https://ai.google/static/documents/palm2techreport.pdf>');
  });
});
