import * as vscode from 'vscode';
import type { WebCompanionApi } from '../../src/web/extension';

export const EXTENSION_ID = 'literature-companion.literature-companion';

export async function activateWebExtension(): Promise<WebCompanionApi> {
  const extension = vscode.extensions.getExtension<WebCompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  return extension.activate();
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const workspaceUri = () => vscode.workspace.workspaceFolders![0]!.uri;
export const fileUri = (...segments: string[]) => vscode.Uri.joinPath(workspaceUri(), ...segments);

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
