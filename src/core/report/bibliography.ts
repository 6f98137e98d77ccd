/**
 * The report's bibliography, formatted by a CSL engine rather than by hand: citation.js drives citeproc-js
 * with the CSL styles it bundles (APA 7th, Vancouver, Harvard). Entries are rendered as plain text and
 * escaped by the report writers like every other corpus text, so a hostile title cannot become markup.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { toCslItem, type CitablePaper } from '../citations/export';

/** The CSL styles bundled with @citation-js/plugin-csl. (No GOST R 7.0.5 style is published on npm.) */
export const BIBLIOGRAPHY_STYLES = ['apa', 'vancouver', 'harvard1'] as const;
export type BibliographyStyle = (typeof BIBLIOGRAPHY_STYLES)[number];

export function isBibliographyStyle(value: string): value is BibliographyStyle {
  return (BIBLIOGRAPHY_STYLES as readonly string[]).includes(value);
}

export interface BibliographyEntry {
  /** The paper's corpus id. */
  readonly paper: string;
  readonly text: string;
}

/** One formatted entry per paper, in the order the style sorts them (APA: by author, then year). */
export function formatBibliography(papers: readonly CitablePaper[], style: BibliographyStyle = 'apa'): BibliographyEntry[] {
  if (papers.length === 0) return [];
  // CSL ids must be unique; the corpus id is, a BibTeX key might not be.
  // A conference paper's arXiv number would print as "Article arXiv:…" in APA; its DOI already names arXiv.
  const items = papers.map((paper) => {
    const { number, ...item } = toCslItem(paper);
    return { ...item, id: paper.id, ...(item.type === 'paper-conference' ? {} : { number }) };
  });
  const cite = new Cite(items) as unknown as { format(kind: 'bibliography', options: object): [string, string][] };
  const entries = cite.format('bibliography', { format: 'text', template: style, lang: 'en-US', asEntryArray: true });
  return entries.map(([paper, text]) => ({ paper, text: text.trim() }));
}
