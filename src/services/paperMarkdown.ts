import * as vscode from 'vscode';
import type { Paper } from '../core/corpus/model';
import { escapeMarkdown, surnameOf } from '../core/render/untrustedText';

const ARXIV_ID = /^\d{4}\.\d{4,5}$/;

/** "arXiv 2009.01325v3", or the pinned version alone for a paper that is not on arXiv. */
export function pinnedSource(paper: Paper): string {
  return ARXIV_ID.test(paper.id) ? `arXiv ${paper.id}${paper.version}` : vscode.l10n.t('version {0}', paper.version);
}

// Corpus text as literal Markdown (MarkdownString.appendText turns spaces into &nbsp;, so long author lists
// would never wrap): the one escaping helper of the core.
export { escapeMarkdown } from '../core/render/untrustedText';

/** A paper's title, authors, year, venue and pinned source. Corpus text is escaped, never read as Markdown. */
export function paperMarkdown(paper: Paper, markdown = new vscode.MarkdownString()): vscode.MarkdownString {
  markdown.appendMarkdown(`**${escapeMarkdown(paper.title)}**\n\n`);
  markdown.appendMarkdown(`${escapeMarkdown(paper.authors.join(', '))}\n\n`);
  markdown.appendMarkdown(escapeMarkdown([String(paper.year), paper.venue, pinnedSource(paper)].filter(Boolean).join(' · ')));
  return markdown;
}

/** "Stiennon et al. 2020" for one-line labels. */
export function shortAuthors(paper: Paper): string {
  const first = surnameOf(paper.authors[0] ?? '');
  const who = paper.authors.length > 2 ? vscode.l10n.t('{0} et al.', first) : paper.authors.map(surnameOf).join(' & ');
  return `${who} ${paper.year}`;
}
