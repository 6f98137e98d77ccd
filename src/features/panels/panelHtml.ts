import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The webview page: no content of its own, only our script (which renders what the host posts) under a
 * strict Content-Security-Policy. Nothing from the corpus is ever interpolated into this HTML.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'panel.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
</head>
<body>
<main id="root" aria-live="polite"><p class="loading">${vscode.l10n.t('Loading…')}</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
