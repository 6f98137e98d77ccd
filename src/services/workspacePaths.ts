import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Paths from settings and the workspace, read the way Workspace Trust and virtual workspaces require.
 *
 * - Only a workspace folder on this disk (`file:`) is a local path. A virtual folder (vscode-vfs://,
 *   github:) has no fsPath worth opening; treating it as one reads whatever local path shares its name.
 * - The path settings are restricted (package.json, `restrictedConfigurations`): in Restricted Mode
 *   VS Code ignores a workspace's values for them, and so do we, explicitly, by reading the person's own
 *   (user) value. That value is theirs, so it is honoured wherever it points.
 */
export function localWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath;
}

/** Whether `uri` is a document in a local workspace folder (not a virtual one, not outside any folder). */
export function localFolderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri.scheme === 'file' && uri.scheme === 'file' ? folder : undefined;
}

export type PathSetting = 'corpusPath' | 'pdfFolder' | 'textCacheFolder';

/** The configured folder, resolved against the local workspace folder, or undefined when not set. */
export function pathSetting(key: PathSetting): string | undefined {
  const config = vscode.workspace.getConfiguration('literatureCompanion');
  const value = (vscode.workspace.isTrusted ? config.get<string>(key, '') : (config.inspect<string>(key)?.globalValue ?? '')).trim();
  if (!value) return undefined;
  const folder = localWorkspaceFolder();
  return path.isAbsolute(value) || !folder ? value : path.join(folder, value);
}
