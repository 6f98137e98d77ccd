import * as vscode from 'vscode';
import { EXCERPT_TEXT } from '../../protocol/webviewText';
import { webviewPage } from '../../services/webviewPage';

/**
 * The excerpt page. pdf.js runs in it: its module script comes from dist/webview (nonce), its worker from
 * a blob: URL made from the worker's source (webviews cannot start workers from their own origin), and
 * the main-thread fallback imports the worker module from dist/webview (hence script-src cspSource).
 */
export function excerptHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (...parts: string[]) => vscode.Uri.joinPath(extensionUri, ...parts);
  return webviewPage(webview, {
    styles: [asset('media', 'panel.css'), asset('media', 'excerpt.css')],
    script: asset('dist', 'webview', 'excerpt.js'),
    scriptType: 'module',
    // pdf.js styles its text layer through the CSSOM, which CSP allows: no 'unsafe-inline' is needed.
    extraPolicy: (view, nonce) => [`img-src ${view.cspSource} blob: data:`, `font-src ${view.cspSource} data:`, `script-src 'nonce-${nonce}' ${view.cspSource}`, 'worker-src blob:', `connect-src ${view.cspSource}`],
    bodyData: {
      worker: webview.asWebviewUri(asset('dist', 'webview', 'pdf.worker.min.mjs')).toString(),
      fonts: `${webview.asWebviewUri(asset('dist', 'webview', 'standard_fonts'))}/`,
    },
    loadingText: vscode.l10n.t('Finding the quote in the PDF…'),
    texts: EXCERPT_TEXT,
  });
}
