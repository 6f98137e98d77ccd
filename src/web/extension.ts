import * as vscode from 'vscode';
import { registerFileSystem } from '../core/platform/fileSystem';
import type { TreeNode } from '../core/tree/corpusTree';
import { activateClaims } from '../features/claims';
import { StoredQuoteSuggestions } from '../features/claims/storedQuoteSuggestions';
import { activateEvidenceMap } from '../features/evidenceMap';
import { activatePanels } from '../features/panels';
import { activateTrees } from '../features/tree';
import { CorpusService } from '../services/corpusService';
import { WorkspaceFileSystem } from '../services/workspaceFileSystem';
import { mapPathsToUris, readWorkspaceFilesThroughVscode, uriOfPath } from '../services/workspacePaths';

/**
 * The web entry (package.json `browser`): the same features as the desktop's, wired for the web worker
 * extension host of vscode.dev, github.dev and code-server, where there is no Node. Files go through
 * vscode.workspace.fs; what needs Node (PDF text, the search index, downloads, git) is not wired here and
 * its commands are hidden on the web (`isWeb` in package.json).
 */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const files = new WorkspaceFileSystem([context.extensionUri, context.globalStorageUri]);
  registerFileSystem(files);
  readWorkspaceFilesThroughVscode();
  mapPathsToUris((path) => files.uriOf(path));
  const corpus = new CorpusService(context.extensionUri.path);
  context.subscriptions.push(corpus);
  const trees = activateTrees(context, corpus);
  const panels = activatePanels(context, corpus);
  const suggestions = new StoredQuoteSuggestions();
  const claims = activateClaims(context, corpus, suggestions, panels);
  const evidenceMap = activateEvidenceMap(context, corpus, panels, {
    bundled: async () => (await claims.service.bundledClaims()).claims,
    annotations: async () => (await claims.service.annotations())?.all() ?? [],
    onDidChange: claims.service.onDidChange,
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.reloadCorpus', () => corpus.reload()),
    vscode.commands.registerCommand('literatureCompanion.copyQuote', async (node?: TreeNode) => {
      if (node?.kind === 'evidence') await vscode.env.clipboard.writeText(node.link.evidence[node.index]!.quote);
    }),
    vscode.commands.registerCommand('literatureCompanion.copyCitationKey', async (node?: TreeNode) => {
      if (node?.kind === 'paper') await vscode.env.clipboard.writeText(node.paper.bibtexKey);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('literatureCompanion.corpusPath')) void corpus.reload();
    }),
  );
  if (vscode.workspace.getConfiguration('literatureCompanion').get<boolean>('revealOnStartup', false)) {
    void vscode.commands.executeCommand('workbench.view.extension.literatureCompanion');
  }
  void uriOfPath;
  return { corpus, trees, panels, claims, evidenceMap, platform: 'web' as const, activationMs: performance.now() - started };
}

export function deactivate(): void {}
