import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

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
 * strict Content-Security-Policy with a fresh nonce. Nothing from the corpus is interpolated here.
 */
export function webviewPage(webview: vscode.Webview, options: WebviewPageOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    ...(options.extraPolicy?.(webview, nonce) ?? []),
  ];
  // A later directive of the same name replaces the default one.
  const policy = [...new Map(csp.map((directive) => [directive.split(' ')[0], directive])).values()].join('; ');
  const data = Object.entries(options.bodyData ?? {}).map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`).join('');
  const styles = options.styles.map((uri) => `<link rel="stylesheet" href="${webview.asWebviewUri(uri)}">`).join('\n');
  const type = options.scriptType === 'module' ? ' type="module"' : '';
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
</head>
<body${data}>
<main id="root" aria-live="polite"><p class="loading">${escapeAttribute(options.loadingText)}</p></main>
<script${type} nonce="${nonce}" src="${webview.asWebviewUri(options.script)}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
