import { contentSecurityPolicy as cspPolicy, escapeAttribute, htmlPage } from '../core/render/htmlPage';

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
  return cspPolicy(["default-src 'none'", `style-src ${cspSource}`, `img-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`, ...extra]);
}

export function webviewDocument(parts: WebviewDocumentParts): string {
  const data = Object.entries(parts.bodyData ?? {}).map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`).join('');
  const type = parts.scriptType === 'module' ? ' type="module"' : '';
  return htmlPage({
    language: parts.language,
    policy: contentSecurityPolicy(parts.cspSource, parts.nonce, parts.extraPolicy),
    head: parts.styles.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`),
    bodyAttributes: data,
    body: `<main id="root" aria-live="polite"><p class="loading">${escapeAttribute(parts.loadingText)}</p></main>
<script${type} nonce="${parts.nonce}" src="${escapeAttribute(parts.script)}"></script>`,
  });
}
