import * as vscode from 'vscode';
import { PDF_VIEWER_VIEW_TYPE } from '../../src/protocol/viewer';
import type { WebCompanionApi } from '../../src/web/extension';
import * as assert from './assert';
import { activateWebExtension, fileUri, waitFor } from './support';

function within<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

describe('the PDF viewer on the web', () => {
  let api: WebCompanionApi;

  before(async () => {
    api = await activateWebExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a workspace PDF as the default editor and draws page 1', async () => {
    const pdf = fileUri('web-corpus', 'pdf', '1111.00001.pdf');
    await vscode.commands.executeCommand('vscode.open', pdf);
    const editor = await waitFor(() => api.viewer.openEditors.find((candidate) => candidate.uri.toString() === pdf.toString()), 'the viewer to resolve', 30_000);
    const pageCount = await within(editor.until((report) => report.rendered.has(1) && report.pageCount), 'page 1 drawn');
    assert.equal(pageCount, 2);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'a custom editor tab');
    assert.equal((tab.input as vscode.TabInputCustom).viewType, PDF_VIEWER_VIEW_TYPE);
  });
});
