import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * A folder named by one of our settings (`corpusPath`, `pdfFolder`), resolved against the first workspace
 * folder when relative. This is security logic, kept in one place: in an untrusted workspace a path that
 * the workspace could have provided may only point inside the workspace.
 */
export function configuredFolder(setting: 'corpusPath' | 'pdfFolder'): string | undefined {
  const configured = vscode.workspace.getConfiguration('literatureCompanion').get<string>(setting, '').trim();
  if (!configured) return undefined;
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolved = path.isAbsolute(configured) || !workspaceFolder ? configured : path.join(workspaceFolder, configured);
  if (vscode.workspace.isTrusted) return resolved;
  const inside = workspaceFolder !== undefined && !path.relative(workspaceFolder, resolved).startsWith('..') && !path.isAbsolute(path.relative(workspaceFolder, resolved));
  return inside ? resolved : undefined;
}
