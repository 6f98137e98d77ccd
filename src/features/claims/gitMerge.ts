import * as path from 'node:path';
import * as vscode from 'vscode';
import { driverCommand, isOnPath, setUpGitMerge, type GitMergeSetup } from '../../core/annotations';

/**
 * "Set Up Git Merge for Annotations": after asking, makes git merge the workspace's annotation file per
 * annotation (gitMergeSetup.ts). Only in a trusted workspace: it writes git config that runs a command.
 */
export function registerGitMergeSetup(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('literatureCompanion.setUpGitMerge', async (options?: { confirm?: boolean }): Promise<GitMergeSetup | undefined> => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: annotations are stored in the workspace (.literature/annotations.json).'));
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Trust this workspace first: setting up the merge writes git configuration that runs a command.'));
      return undefined;
    }
    const driver = driverCommand(isOnPath('literature-companion'), path.join(context.extensionPath, 'bin', 'literature-companion.cjs'));
    if (options?.confirm !== false) {
      const setUp = vscode.l10n.t('Set Up');
      const question = vscode.l10n.t(
        'Merge .literature/annotations.json per annotation in git? This adds a line to the repository\'s .gitattributes (commit it to share it) and sets merge.literature-companion.driver in its git config to: {0}',
        driver,
      );
      if ((await vscode.window.showInformationMessage(question, { modal: true }, setUp)) !== setUp) return undefined;
    }
    try {
      const result = await setUpGitMerge(root, driver);
      void vscode.window.showInformationMessage(
        result.attributesChanged
          ? vscode.l10n.t('Git now merges annotations per annotation. Commit {0} so co-authors get it too; each of them runs this command once.', result.attributesFile)
          : vscode.l10n.t('Git already merged annotations per annotation; the driver in the git config was updated.'),
      );
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Literature Companion: {0}', (error as Error).message));
      return undefined;
    }
  });
}
