import * as vscode from 'vscode';
import type { TreeNode } from '../../core/tree/corpusTree';
import type { CorpusService } from '../../services/corpusService';
import { uriOfPath } from '../../services/workspacePaths';

/**
 * The corpus's own commands (tree context menus, the view's toolbar) and the reload on a new corpusPath:
 * the same in the desktop and the web entry. uriOfPath gives a file URI on the desktop and the workspace's
 * own URI on the web.
 */
export function registerCorpusCommands(corpus: CorpusService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('literatureCompanion.reloadCorpus', () => corpus.reload()),
    vscode.commands.registerCommand('literatureCompanion.copyQuote', async (node?: TreeNode) => {
      if (node?.kind === 'evidence') await vscode.env.clipboard.writeText(node.link.evidence[node.index]!.quote);
    }),
    vscode.commands.registerCommand('literatureCompanion.copyCitationKey', async (node?: TreeNode) => {
      if (node?.kind === 'paper') await vscode.env.clipboard.writeText(node.paper.bibtexKey);
    }),
    vscode.commands.registerCommand('literatureCompanion.openSourceFile', (node?: TreeNode) => openSourceFile(node)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('literatureCompanion.corpusPath')) void corpus.reload();
    }),
  ];
}

/** A workspace that asks for it (the example does) opens on the product, not on the Explorer. */
export function revealOnStartup(): void {
  if (vscode.workspace.getConfiguration('literatureCompanion').get<boolean>('revealOnStartup', false)) {
    void vscode.commands.executeCommand('workbench.view.extension.literatureCompanion');
  }
}

async function openSourceFile(node: TreeNode | undefined): Promise<void> {
  const located = sourceOf(node);
  if (!located) return;
  const editor = await vscode.window.showTextDocument(uriOfPath(located.file));
  const line = Math.max(0, (located.line ?? 1) - 1);
  editor.selection = new vscode.Selection(line, 0, line, 0);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
}

function sourceOf(node: TreeNode | undefined): { file: string; line?: number } | undefined {
  switch (node?.kind) {
    case 'paper': return { file: node.paper.file };
    case 'challenge': return { file: node.challenge.file };
    case 'evidence': return { file: node.link.file, line: node.link.line };
    case 'problem': return { file: node.problem.file, line: node.problem.line };
    default: return undefined;
  }
}
