import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The excerpt webview page. pdf.js runs in it: its module script comes from dist/webview (nonce), its
 * worker from a blob: URL made from the worker's source (webviews cannot start workers from their own
 * origin), and the main-thread fallback imports the worker module from dist/webview.
 */
export function excerptHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`, // pdf.js styles its text layer through the CSSOM, which CSP allows
    `img-src ${webview.cspSource} blob: data:`,
    `font-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}' ${webview.cspSource}`,
    `worker-src blob:`,
    `connect-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('media', 'panel.css')}">
<link rel="stylesheet" href="${asset('media', 'excerpt.css')}">
</head>
<body data-worker="${asset('dist', 'webview', 'pdf.worker.min.mjs')}" data-fonts="${asset('dist', 'webview', 'standard_fonts')}/">
<main id="root" aria-live="polite"><p class="loading">${vscode.l10n.t('Finding the quote in the PDF…')}</p></main>
<script type="module" nonce="${nonce}" src="${asset('dist', 'webview', 'excerpt.js')}"></script>
</body>
</html>`;
}
