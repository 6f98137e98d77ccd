/**
 * The HTML of a webview page, without `vscode`, so its Content-Security-Policy can be checked by unit
 * tests: `default-src 'none'`, scripts only by nonce (never 'unsafe-inline'), styles, images and fonts only
 * from the extension's own resources. Nothing from the corpus is interpolated here.
 */
export interface WebviewDocumentParts {
  /** `webview.cspSource`: the origin of the extension's resources in this webview. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly language: string;
  /** Stylesheet and script addresses, already turned into webview URIs. */
  readonly styles: readonly string[];
  readonly script: string;
  readonly scriptType?: 'module' | 'classic';
  /** Directives beyond the strict default (e.g. a worker-src for pdf.js); one of the same name replaces the default. */
  readonly extraPolicy?: readonly string[];
  readonly bodyData?: Readonly<Record<string, string>>;
  readonly loadingText: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string, extra: readonly string[] = []): string {
  const csp = ["default-src 'none'", `style-src ${cspSource}`, `img-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`, ...extra];
  // A later directive of the same name replaces the default one.
  return [...new Map(csp.map((directive) => [directive.split(' ')[0], directive])).values()].join('; ');
}

export function webviewDocument(parts: WebviewDocumentParts): string {
  const policy = contentSecurityPolicy(parts.cspSource, parts.nonce, parts.extraPolicy);
  const data = Object.entries(parts.bodyData ?? {}).map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`).join('');
  const styles = parts.styles.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n');
  const type = parts.scriptType === 'module' ? ' type="module"' : '';
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(parts.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
</head>
<body${data}>
<main id="root" aria-live="polite"><p class="loading">${escapeAttribute(parts.loadingText)}</p></main>
<script${type} nonce="${parts.nonce}" src="${escapeAttribute(parts.script)}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
