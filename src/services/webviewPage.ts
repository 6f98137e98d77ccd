import * as vscode from 'vscode';
import { webviewDocument } from './webviewDocument';

export interface WebviewPageOptions {
  readonly styles: readonly vscode.Uri[];
  readonly script: vscode.Uri;
  readonly scriptType?: 'module' | 'classic';
  /** Directives beyond the strict default (e.g. a worker-src for pdf.js). */
  readonly extraPolicy?: (webview: vscode.Webview, nonce: string) => readonly string[];
  readonly bodyData?: Readonly<Record<string, string>>;
  readonly loadingText: string;
}

/**
 * A webview page with no content of its own: one script (which renders what the host posts) under a
 * strict Content-Security-Policy with a fresh nonce (see webviewDocument.ts).
 */
export function webviewPage(webview: vscode.Webview, options: WebviewPageOptions): string {
  const nonce = btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16))));
  return webviewDocument({
    cspSource: webview.cspSource,
    nonce,
    language: vscode.env.language,
    styles: options.styles.map((uri) => webview.asWebviewUri(uri).toString()),
    script: webview.asWebviewUri(options.script).toString(),
    scriptType: options.scriptType,
    extraPolicy: options.extraPolicy?.(webview, nonce),
    bodyData: options.bodyData,
    loadingText: options.loadingText,
  });
}
