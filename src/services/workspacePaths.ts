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
/**
 * The URI schemes whose files this host reads: `file:` on the desktop (Node's fs); on the web every
 * workspace folder's scheme, since there all reads go through vscode.workspace.fs (set by the web entry).
 */
let readableSchemes: readonly string[] = ['file'];

/** Schemes a document of a talk can have in either host (the editor's document selectors use them). */
export const WORKSPACE_SCHEMES: readonly string[] = ['file', 'vscode-remote', 'vscode-vfs'];

/** The web entry: workspace folders are read through vscode.workspace.fs, whatever their scheme. */
export function readWorkspaceFilesThroughVscode(): void {
  readableSchemes = WORKSPACE_SCHEMES;
}

const readable = (uri: vscode.Uri) => readableSchemes.includes(uri.scheme);

/**
 * A URI's path as core code takes it: the platform path on the desktop (fsPath); the URI's own
 * '/'-separated path on the web (a browser on Windows would otherwise give backslashes).
 */
export function pathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

let pathToUri = (path: string): vscode.Uri => vscode.Uri.file(path);

/** The URI of a path core code gave back (a corpus file, an annotation file): `file:` on the desktop. */
export function uriOfPath(path: string): vscode.Uri {
  return pathToUri(path);
}

/** The web entry maps paths to the workspace's own URIs (see WorkspaceFileSystem.uriOf). */
export function mapPathsToUris(map: (path: string) => vscode.Uri): void {
  pathToUri = map;
}

export function localWorkspaceFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => readable(candidate.uri));
  return folder && pathOf(folder.uri);
}

/** Whether `uri` is a document in a workspace folder this host reads (not a virtual one on the desktop, not outside any folder). */
export function localFolderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder && readable(folder.uri) && uri.scheme === folder.uri.scheme ? folder : undefined;
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
