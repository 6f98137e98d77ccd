import * as vscode from 'vscode';
import type { WebCompanionApi } from '../../src/web/extension';
import * as assert from './assert';
import { activateWebExtension, fileUri, readText, writeText } from './support';

describe('citations on the web', () => {
  let api: WebCompanionApi;

  before(async () => {
    api = await activateWebExtension();
  });

  it('completes a citation key after [@ in Markdown', async () => {
    const corpus = await api.corpus.get();
    const key = corpus.papers.get('2307.15217')!.bibtexKey;
    const uri = fileUri('web-cite.md');
    await writeText(uri, 'As shown in [@\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 14), '@');
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes(key), `${key} among ${labels.slice(0, 8).join(', ')}`);
  });

  it('exports the bibliography as BibTeX into the workspace (written through workspace.fs)', async () => {
    const target = fileUri('references-web.bib');
    const result = await vscode.commands.executeCommand<{ status: string; count?: number }>('literatureCompanion.exportBibliography', { format: 'bibtex', file: target.path });
    assert.equal(result.status, 'exported');
    const text = (await readText(target)) ?? '';
    assert.equal((text.match(/^@\w+\{/gm) ?? []).length, 6, 'one entry per paper');
  });
});
