import * as vscode from 'vscode';
import type { WorkerLike } from '../core/pdf/browserText';

interface BrowserGlobals {
  Blob: new (parts: Uint8Array[], options: { type: string }) => object;
  URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
  Worker: new (url: string) => unknown;
}

/**
 * Starts one of the extension's own worker bundles in the web worker extension host. `new Worker(<the
 * extension's URL>)` is refused there ("Creating workers from remote extensions is currently not
 * supported"), so the bundle's text is read through vscode.workspace.fs and started from a Blob URL; it
 * must be a classic script (esbuild format iife), not a module.
 */
export async function startBlobWorker<Worker = WorkerLike>(extensionUri: vscode.Uri, bundle: string): Promise<Worker> {
  const browser = globalThis as unknown as BrowserGlobals;
  const script = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...bundle.split('/')));
  const url = browser.URL.createObjectURL(new browser.Blob([script], { type: 'text/javascript' }));
  try {
    return new browser.Worker(url) as Worker;
  } finally {
    // The worker has fetched its script by the time it runs; the URL is not needed afterwards.
    setTimeout(() => browser.URL.revokeObjectURL(url), 10_000);
  }
}
