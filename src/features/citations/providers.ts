import * as vscode from 'vscode';
import { citationAt, parseCitations, type Citation, type CitedKey } from '../../core/citations/parse';
import type { Corpus, Paper } from '../../core/corpus/model';
import type { CorpusService } from '../../services/corpusService';
import { uriOfPath } from '../../services/workspacePaths';
import { citationLanguageOfDocument, closingAfterKey, keyInProgress, keyRestLength } from './citedContext';
import { escapeMarkdown, paperMarkdown, shortAuthors } from '../../services/paperMarkdown';
import { displayLine } from '../../core/render/untrustedText';

// This module is its own bundle (dist/lazy-citationProviders.js): index.ts registers the providers and loads it
// when one is first asked.

/** Papers by citation key; the corpus's own map is by id. */
// A loaded corpus never changes (a reload makes a new one), so its key index is built once per corpus,
// not on every hover or completion.
const keyIndexes = new WeakMap<Corpus, Map<string, Paper>>();

export function papersByKey(corpus: Corpus): Map<string, Paper> {
  let byKey = keyIndexes.get(corpus);
  if (!byKey) {
    byKey = new Map<string, Paper>();
    for (const paper of corpus.papers.values()) if (paper.bibtexKey && !byKey.has(paper.bibtexKey)) byKey.set(paper.bibtexKey, paper);
    keyIndexes.set(corpus, byKey);
  }
  return byKey;
}

/** The cited key under the cursor, if any. */
export function citedKeyAt(document: vscode.TextDocument, position: vscode.Position): { citation: Citation; key: CitedKey } | undefined {
  const found = citationAt(parseCitations(document.getText(), citationLanguageOfDocument(document.languageId)), document.offsetAt(position));
  return found?.key ? { citation: found.citation, key: found.key } : undefined;
}

/** Keys from the corpus after `[@` (Markdown) and inside `\cite{…}` (LaTeX). Reads the corpus only when a key is being typed. */
export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly corpus: CorpusService) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const line = document.lineAt(position.line).text;
    const language = citationLanguageOfDocument(document.languageId);
    const typing = keyInProgress(line.slice(0, position.character), language);
    if (!typing) return undefined;
    const corpus = await this.corpus.get();
    const start = new vscode.Position(position.line, typing.column);
    const rest = keyRestLength(line.slice(position.character));
    const range = { inserting: new vscode.Range(start, position), replacing: new vscode.Range(start, position.translate(0, rest)) };
    const closing = closingAfterKey(line.slice(position.character + rest), language);
    return [...papersByKey(corpus).entries()].map(([key, paper]) => {
      const item = new vscode.CompletionItem({ label: key, description: shortAuthors(paper) }, vscode.CompletionItemKind.Reference);
      item.detail = displayLine(paper.title, 200);
      item.documentation = paperMarkdown(paper);
      item.range = range;
      item.insertText = key + closing;
      // Typing words of the title or an author's name finds the key too.
      item.filterText = `${key} ${paper.title} ${paper.authors.join(' ')}`;
      item.sortText = key;
      return item;
    });
  }
}

/** The key under the cursor, its range, and the paper it names (undefined when the corpus lacks it). */
async function citedPaperAt(document: vscode.TextDocument, position: vscode.Position, corpus: CorpusService) {
  const cited = citedKeyAt(document, position);
  if (!cited) return undefined;
  const paper = papersByKey(await corpus.get()).get(cited.key.key);
  const range = new vscode.Range(document.positionAt(cited.key.start), document.positionAt(cited.key.end));
  return { cited, paper, range };
}

/** The cited paper, with a link to its summary panel; a key the corpus lacks says so. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly corpus: CorpusService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = await citedPaperAt(document, position, this.corpus);
    if (!found) return undefined;
    const { cited, paper, range } = found;
    if (!paper) {
      // A bare `@name` in prose may be a mention, not a citation: only bracketed and LaTeX citations say so.
      if (cited.citation.syntax === 'pandoc-in-text') return undefined;
      const markdown = new vscode.MarkdownString();
      markdown.appendMarkdown(escapeMarkdown(vscode.l10n.t('{0}: not in the corpus.', cited.key.key)));
      return new vscode.Hover(markdown, range);
    }
    const markdown = new vscode.MarkdownString();
    markdown.isTrusted = { enabledCommands: ['literatureCompanion.openPaper'] };
    paperMarkdown(paper, markdown);
    const link = `command:literatureCompanion.openPaper?${encodeURIComponent(JSON.stringify([paper.id]))}`;
    markdown.appendMarkdown(`\n\n[${escapeMarkdown(vscode.l10n.t('Open summary'))}](${link} "${escapeMarkdown(vscode.l10n.t('Open the paper\'s summary panel')).replace(/"/g, '\\"')}")`);
    return new vscode.Hover(markdown, range);
  }
}

/** Go to definition on a cited key: the paper's corpus file, at its `bibtexKey:` line. */
export class CitationDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly corpus: CorpusService) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const paper = (await citedPaperAt(document, position, this.corpus))?.paper;
    if (!paper) return undefined;
    const uri = uriOfPath(paper.file);
    let line = 0;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      line = Math.max(0, text.split(/\r?\n/).findIndex((row) => /^bibtexKey\s*:/.test(row)));
    } catch {
      // The file went away since the corpus loaded: its first line is still the right answer.
    }
    return new vscode.Location(uri, new vscode.Position(line, 0));
  }
}
