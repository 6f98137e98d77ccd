// "Export Evidence Report…": its own bundle (dist/lazy-reportCommand.js), loaded when the command first runs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentClaims } from '../../core/claims/documentClaims';
import { Worker } from 'node:worker_threads';
import type { BibliographyStyle, ReportFormat } from '../../core/report';
import type { ReportWorkerData } from '../../core/report/worker';
import type { CorpusService } from '../../services/corpusService';
import { REPORT_TEXT } from '../../core/report/reportText';
import { localized } from '../../services/localizedTexts';

/** The claims of an open document, as the editor shows them; extension.ts hands in the claims service's. */
export type ClaimsOfDocument = (document: vscode.TextDocument) => Promise<DocumentClaims>;

/** Optional argument of `literatureCompanion.exportReport`, for tests and automation: no dialogs. */
export interface ExportReportOptions {
  /** The document's URI or file path (default: the active editor's document). */
  readonly document?: string;
  readonly format?: ReportFormat;
  readonly file?: string;
  readonly style?: BibliographyStyle;
}

export interface ExportReportResult {
  readonly status: 'exported' | 'cancelled' | 'failed';
  readonly file?: string;
  readonly claims?: number;
  readonly error?: string;
}

/**
 * The report core (with citeproc, ~1 MB) runs in a worker thread (dist/reportWorker.js): citeproc compiles
 * the CSL style before its first entry, seconds on a slow machine, which must not freeze the editor.
 */
function makeReportInWorker(data: ReportWorkerData): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'reportWorker.js'), { workerData: data });
    worker.once('message', (answer: { text?: string; error?: string }) => {
      void worker.terminate();
      if (answer.text !== undefined) resolve(answer.text);
      else reject(new Error(answer.error ?? 'the report worker failed'));
    });
    worker.once('error', reject);
  });
}

async function documentFor(options: ExportReportOptions): Promise<vscode.TextDocument | undefined> {
  if (options.document) {
    const uri = /^[a-z][\w+.-]*:/i.test(options.document) && !path.isAbsolute(options.document) ? vscode.Uri.parse(options.document) : vscode.Uri.file(options.document);
    return vscode.workspace.openTextDocument(uri);
  }
  return vscode.window.activeTextEditor?.document;
}

export async function exportReport(corpusService: CorpusService, claimsOf: ClaimsOfDocument, argument?: unknown): Promise<ExportReportResult> {
  const options: ExportReportOptions = typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri) ? (argument as ExportReportOptions) : argument instanceof vscode.Uri ? { document: argument.toString() } : {};
  const document = await documentFor(options);
  if (!document) {
    const message = vscode.l10n.t('Open the talk (or another document with claims) in the editor, then run "Export Evidence Report…" again.');
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', error: message };
  }
  const format = options.format ?? (await pickFormat());
  if (!format) return { status: 'cancelled' };
  const name = path.basename(document.uri.path);
  let target = options.file ? vscode.Uri.file(options.file) : undefined;
  if (!target) {
    const suggested = `${name.replace(/\.[^.]+$/, '')}-evidence-report.${format}`;
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Evidence Report'),
      defaultUri: vscode.Uri.joinPath(document.uri, '..', suggested),
      filters: format === 'html' ? { HTML: ['html'] } : { Markdown: ['md'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return { status: 'cancelled' };
  }
  const [corpus, claims] = await Promise.all([corpusService.get(), claimsOf(document)]);
  try {
    const input = { corpus: { papers: corpus.papers }, documentName: name, text: document.getText(), claims: claims.claims, orphans: claims.orphans, date: new Date().toISOString(), texts: localized(REPORT_TEXT) };
    const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making the evidence report of {0}…', name) }, () =>
      makeReportInWorker({ input, format, style: options.style ?? 'apa' }),
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    const message = vscode.l10n.t('Could not write {0}: {1}. Choose another place to export to.', target.fsPath, (error as Error).message);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', file: target.fsPath, error: message };
  }
  const where = target;
  const openInBrowser = vscode.l10n.t('Open in Browser');
  const open = vscode.l10n.t('Open');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Exported the evidence report of {0} claim(s) to {1}.', claims.claims.length, target.fsPath), ...(format === 'html' ? [openInBrowser] : []), open)
    .then((choice) => {
      if (choice === openInBrowser) void vscode.env.openExternal(where);
      else if (choice === open) void vscode.window.showTextDocument(where);
    });
  return { status: 'exported', file: target.fsPath, claims: claims.claims.length };
}

async function pickFormat(): Promise<ReportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ReportFormat })[] = [
    { label: 'HTML', description: '.html', detail: vscode.l10n.t('One self-contained page to print or send: no script, prints as a clean handout.'), format: 'html' },
    { label: 'Markdown', description: '.md', detail: vscode.l10n.t('For a repository, a wiki or Pandoc.'), format: 'md' },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Evidence Report'), placeHolder: vscode.l10n.t('Export the report in which format?') }))?.format;
}
