import type { Verdict } from './model';

/** How one verdict looks. */
export interface VerdictLook {
  /** The verdict in words (trees, CodeLens, hovers, panels, report, map). */
  readonly label: string;
  /** Codicon of trees and pickers. */
  readonly codicon: string;
  /** Badge of the Markdown report. */
  readonly emoji: string;
  /** The editor's colour: underline and overview ruler; the gutter icons (media/verdicts/*.svg) and the claim panel's bar (media/panel.css) use the same (a unit test checks). */
  readonly editorColour: string;
  /** Print colour: the report's badges, the map's SVG/PNG export. */
  readonly printColour: string;
}

/**
 * How a verdict looks wherever it is shown — one place for its words, icons and colours. Theme-aware
 * surfaces (the map webview) take the theme's chart colours instead, in the same order.
 */
export const VERDICT_STYLE: Readonly<Record<Verdict, VerdictLook>> = {
  supports: { label: 'supports', codicon: 'pass', emoji: '✅', editorColour: '#3fa46a', printColour: '#1a7f37' },
  'partially-supports': { label: 'partially supports', codicon: 'circle-large-outline', emoji: '🟡', editorColour: '#d9a400', printColour: '#9a6700' },
  contradicts: { label: 'contradicts', codicon: 'error', emoji: '❌', editorColour: '#e5534b', printColour: '#cf222e' },
  'not-addressed': { label: 'not addressed', codicon: 'question', emoji: '⚪', editorColour: '#8b949e', printColour: '#57606a' },
};

/** One field of every verdict's look, e.g. `verdictLooks('printColour')` for a palette. */
export function verdictLooks<K extends keyof VerdictLook>(field: K): Readonly<Record<Verdict, VerdictLook[K]>> {
  return Object.fromEntries(Object.entries(VERDICT_STYLE).map(([verdict, look]) => [verdict, look[field]])) as Record<Verdict, VerdictLook[K]>;
}

export const VERDICT_PRINT_COLOURS = verdictLooks('printColour');
