import * as vscode from 'vscode';
import { citationAt, parseCitations } from '../../core/citations/parse';
import { citationKey } from '../../core/citations/export';
import { displayLine } from '../../core/render/untrustedText';
import type { Corpus, Paper } from '../../core/corpus/model';
import type { CorpusService } from '../../services/corpusService';
import { paperIdOf } from '../../services/paperArgument';
import { citationLanguageOfDocument } from './citedContext';
import { pinnedSource, shortAuthors } from '../../services/paperMarkdown';

export interface InsertCitationResult {
  readonly status: 'inserted' | 'cancelled' | 'failed';
  readonly key?: string;
  /** The text inserted. */
  readonly text?: string;
}

/**
 * "Insert Citation…": `[@key]` in Markdown, `\cite{key}` in LaTeX at the cursor; inside an existing
 * citation the key joins it (`; @key` before its `]`, `,key` before its `}`).
 * The first argument may name the paper (an id or a paper tree node), for tests and the tree's menu.
 */
export async function insertCitation(corpusService: CorpusService, argument?: unknown): Promise<InsertCitationResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or LaTeX document to insert a citation into.'));
    return { status: 'failed' };
  }
  const corpus = await corpusService.get();
  const wanted = paperIdOf(argument);
  const paper = wanted ? findPaper(corpus, wanted) : await pickPaper(corpus);
  if (wanted && !paper) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0}: no such paper in the corpus.', wanted));
    return { status: 'failed' };
  }
  if (!paper) return { status: 'cancelled' };
  if (!paper.bibtexKey) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no citation key; add "bibtexKey" to {1}.', paper.id, paper.file));
    return { status: 'failed', key: '' };
  }

  // The same cleaned key the exported bibliography uses, so the citation finds its entry.
  const key = citationKey(paper);
  const document = editor.document;
  const language = citationLanguageOfDocument(document.languageId);
  const cursor = editor.selection.active;
  const inside = citationAt(parseCitations(document.getText(), language), document.offsetAt(cursor))?.citation;
  let at = editor.selection;
  let text: string;
  if (inside && inside.syntax !== 'pandoc-in-text' && document.offsetAt(cursor) > inside.start && document.offsetAt(cursor) < inside.end) {
    const close = document.positionAt(inside.end - 1);
    at = new vscode.Selection(close, close);
    text = language === 'latex' ? `,${key}` : `; @${key}`;
  } else {
    // Right after a word, the citation is set off as each syntax expects: a space, or LaTeX's tie.
    const before = at.start.character > 0 ? document.lineAt(at.start.line).text[at.start.character - 1]! : '';
    const separator = /[\p{L}\p{N}]/u.test(before) ? (language === 'latex' ? '~' : ' ') : '';
    text = separator + (language === 'latex' ? `\\cite{${key}}` : `[@${key}]`);
  }
  const ok = await editor.edit((edit) => (at.isEmpty ? edit.insert(at.active, text) : edit.replace(at, text)));
  return ok ? { status: 'inserted', key, text } : { status: 'failed', key };
}

function findPaper(corpus: Corpus, wanted: string): Paper | undefined {
  return corpus.papers.get(wanted) ?? [...corpus.papers.values()].find((paper) => paper.bibtexKey === wanted);
}

async function pickPaper(corpus: Corpus): Promise<Paper | undefined> {
  const items = [...corpus.papers.values()].map((paper) => ({
    label: displayLine(paper.title, 200),
    description: displayLine(paper.bibtexKey, 80),
    detail: `${shortAuthors(paper)} · ${pinnedSource(paper)}`,
    paper,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Insert Citation'), placeHolder: vscode.l10n.t('Cite which paper?'), matchOnDescription: true, matchOnDetail: true });
  return chosen?.paper;
}
