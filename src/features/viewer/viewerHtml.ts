import * as vscode from 'vscode';
import { VIEWER_TEXT } from '../../protocol/webviewText';
import { webviewPage } from '../../services/webviewPage';

/**
 * The PDF viewer's page: the same pdf.js policy as the excerpt panel (module script by nonce, shared chunks
 * and the main-thread fallback from dist/webview, the worker from a blob: URL), plus pdf.js's viewer
 * stylesheet. No 'unsafe-inline': pdf.js sets its styles through the CSSOM.
 */
export function viewerHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (...parts: string[]) => vscode.Uri.joinPath(extensionUri, ...parts);
  return webviewPage(webview, {
    styles: [asset('dist', 'webview', 'pdf_viewer.css'), asset('media', 'viewer.css')],
    script: asset('dist', 'webview', 'viewer.js'),
    scriptType: 'module',
    extraPolicy: (view, nonce) => [`img-src ${view.cspSource} blob: data:`, `font-src ${view.cspSource} data:`, `script-src 'nonce-${nonce}' ${view.cspSource}`, 'worker-src blob:', `connect-src ${view.cspSource}`],
    bodyData: {
      worker: webview.asWebviewUri(asset('dist', 'webview', 'pdf.worker.min.mjs')).toString(),
      fonts: `${webview.asWebviewUri(asset('dist', 'webview', 'standard_fonts'))}/`,
    },
    loadingText: vscode.l10n.t('Opening the PDF…'),
    texts: VIEWER_TEXT,
  });
}
