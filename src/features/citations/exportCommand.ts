import * as vscode from 'vscode';
import { toBibtex, toCslJson } from '../../core/citations/export';
import type { CorpusService } from '../../services/corpusService';
import { uriOfPath } from '../../services/workspacePaths';

export type BibliographyFormat = 'bibtex' | 'csl-json';

/** Optional argument of `literatureCompanion.exportBibliography`, for tests and automation: no dialogs. */
export interface ExportBibliographyOptions {
  readonly format?: BibliographyFormat;
  readonly file?: string;
}

export interface ExportBibliographyResult {
  readonly status: 'exported' | 'cancelled' | 'failed';
  readonly file?: string;
  readonly count?: number;
  readonly error?: string;
}

const EXTENSIONS: Record<BibliographyFormat, string> = { bibtex: 'bib', 'csl-json': 'json' };

export async function exportBibliography(corpusService: CorpusService, argument?: unknown): Promise<ExportBibliographyResult> {
  const options: ExportBibliographyOptions = typeof argument === 'object' && argument !== null ? (argument as ExportBibliographyOptions) : {};
  const format = options.format ?? (await pickFormat());
  if (!format) return { status: 'cancelled' };
  const corpus = await corpusService.get();
  const papers = [...corpus.papers.values()];
  let target: vscode.Uri | undefined = options.file ? uriOfPath(options.file) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `references.${EXTENSIONS[format]}`;
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Bibliography'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'bibtex' ? { BibTeX: ['bib'] } : { 'CSL-JSON': ['json'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return { status: 'cancelled' };
  }
  try {
    const text = format === 'bibtex' ? toBibtex(papers) : toCslJson(papers);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    const message = vscode.l10n.t('Could not write {0}: {1}. Choose another place to export to.', target.fsPath, (error as Error).message);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', file: target.fsPath, error: message };
  }
  const open = vscode.l10n.t('Open');
  const where = target;
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Exported {0} paper(s) as {1} to {2}.', papers.length, format === 'bibtex' ? 'BibTeX' : 'CSL-JSON', target.fsPath), open)
    .then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(where);
    });
  return { status: 'exported', file: target.fsPath, count: papers.length };
}

async function pickFormat(): Promise<BibliographyFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: BibliographyFormat })[] = [
    { label: 'BibTeX', description: '.bib', detail: vscode.l10n.t('For LaTeX (BibTeX or biber) and Pandoc.'), format: 'bibtex' },
    { label: 'CSL-JSON', description: '.json', detail: vscode.l10n.t('For Pandoc citeproc, Zotero and other CSL tools.'), format: 'csl-json' },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Bibliography'), placeHolder: vscode.l10n.t('Export the corpus in which format?') }))?.format;
}
