/**
 * The shell every HTML page of the extension shares — the webview pages and the exported report: a
 * Content-Security-Policy first in <head>, the charset, the viewport. The callers say what the policy allows
 * and what goes in head and body; they interpolate only text they have escaped.
 */

/** Directives joined into one policy; a later directive of the same name replaces an earlier one (a page widens one default). */
export function contentSecurityPolicy(directives: readonly string[]): string {
  return [...new Map(directives.map((directive) => [directive.split(' ')[0], directive])).values()].join('; ');
}

export interface HtmlPageParts {
  readonly language: string;
  /** From contentSecurityPolicy(). */
  readonly policy: string;
  /** Further <head> elements (stylesheets, title), already escaped. */
  readonly head: readonly string[];
  /** Attributes of <body> (e.g. ` data-x="…"`), already escaped. */
  readonly bodyAttributes?: string;
  readonly body: string;
}

export function htmlPage(parts: HtmlPageParts): string {
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(parts.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(parts.policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${parts.head.join('\n')}
</head>
<body${parts.bodyAttributes ?? ''}>
${parts.body}
</body>
</html>
`;
}

/** Text safe inside a double-quoted attribute (and as element text). */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
