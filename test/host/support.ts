import * as vscode from 'vscode';
import type { LiteratureCompanionApi } from '../../src/extension';

export const EXTENSION_ID = 'literature-companion.literature-companion';

export async function activateExtension(): Promise<LiteratureCompanionApi> {
  const extension = vscode.extensions.getExtension<LiteratureCompanionApi>(EXTENSION_ID);
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
