import type { Verdict } from './model';

/**
 * How a verdict looks wherever it is shown — one place for its words, its codicon (trees, pickers) and its
 * print colour (the report's badges, the map's SVG/PNG export). Theme-aware surfaces (the map webview, the
 * gutter icons) take the theme's chart colours instead, in the same order.
 */
export const VERDICT_STYLE: Readonly<Record<Verdict, { readonly label: string; readonly codicon: string; readonly printColour: string }>> = {
  supports: { label: 'supports', codicon: 'pass', printColour: '#1a7f37' },
  'partially-supports': { label: 'partially supports', codicon: 'circle-large-outline', printColour: '#9a6700' },
  contradicts: { label: 'contradicts', codicon: 'error', printColour: '#cf222e' },
  'not-addressed': { label: 'not addressed', codicon: 'question', printColour: '#57606a' },
};

export const VERDICT_PRINT_COLOURS: Readonly<Record<Verdict, string>> = {
  supports: VERDICT_STYLE.supports.printColour,
  'partially-supports': VERDICT_STYLE['partially-supports'].printColour,
  contradicts: VERDICT_STYLE.contradicts.printColour,
  'not-addressed': VERDICT_STYLE['not-addressed'].printColour,
};
