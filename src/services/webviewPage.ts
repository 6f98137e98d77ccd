import * as vscode from 'vscode';
import type { DisplayTexts } from '../core/l10n/displayText';
import { TEXTS_DATA_KEY } from '../protocol/webviewText';
import { localized } from './localizedTexts';
import { webviewDocument } from './webviewDocument';

export interface WebviewPageOptions {
  readonly styles: readonly vscode.Uri[];
  readonly script: vscode.Uri;
  readonly scriptType?: 'module' | 'classic';
  /** Directives beyond the strict default (e.g. a worker-src for pdf.js). */
  readonly extraPolicy?: (webview: vscode.Webview, nonce: string) => readonly string[];
  readonly bodyData?: Readonly<Record<string, string>>;
  readonly loadingText: string;
  /** The page's words in English (from protocol/webviewText): sent translated, in the body's data. */
  readonly texts?: DisplayTexts<string>;
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
    bodyData: options.texts ? { ...options.bodyData, [TEXTS_DATA_KEY]: JSON.stringify(localized(options.texts)) } : options.bodyData,
    loadingText: options.loadingText,
  });
}

/**
 * A page that runs pdf.js (the excerpt panel, the PDF viewer): its module script comes from dist/webview
 * (nonce), shared chunks and the main-thread fallback too (hence script-src cspSource), its worker from a
 * blob: URL made from the worker's source (webviews cannot start workers from their own origin). No
 * 'unsafe-inline': pdf.js styles its text layer through the CSSOM, which CSP allows.
 */
export function pdfJsPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: { readonly styles: readonly vscode.Uri[]; readonly script: string; readonly loadingText: string; readonly texts: DisplayTexts<string> }): string {
  const built = (...parts: string[]) => vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...parts);
  return webviewPage(webview, {
    styles: page.styles,
    script: built(page.script),
    scriptType: 'module',
    extraPolicy: (view, nonce) => [`img-src ${view.cspSource} blob: data:`, `font-src ${view.cspSource} data:`, `script-src 'nonce-${nonce}' ${view.cspSource}`, 'worker-src blob:', `connect-src ${view.cspSource}`],
    bodyData: {
      worker: webview.asWebviewUri(built('pdf.worker.min.mjs')).toString(),
      fonts: `${webview.asWebviewUri(built('standard_fonts'))}/`,
    },
    loadingText: page.loadingText,
    texts: page.texts,
  });
}
