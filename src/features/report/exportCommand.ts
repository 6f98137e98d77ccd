// "Export Evidence Report…" for both hosts: the desktop's (desktopExport.ts, a lazy bundle) and the web's
// (web.ts) differ only in the worker the report is made in.
import * as vscode from 'vscode';
import type { DocumentClaims } from '../../core/claims/documentClaims';
import type { BibliographyStyle } from '../../core/report/bibliography';
import type { ReportFormat } from '../../core/report/makeReport';
import type { ReportWorkerData } from '../../core/report/workerProtocol';
import type { CorpusService } from '../../services/corpusService';
import { REPORT_TEXT } from '../../core/report/reportText';
import { localized } from '../../services/localizedTexts';
import { pathOf, uriOfPath } from '../../services/workspacePaths';

/** The claims of an open document, as the editor shows them; extension.ts hands in the claims service's. */
export type ClaimsOfDocument = (document: vscode.TextDocument) => Promise<DocumentClaims>;

/** Optional argument of `literatureCompanion.exportReport`, for tests and automation: no dialogs. */
export interface ExportReportOptions {
  /** The document's URI or file path (default: the active editor's document). */
  readonly document?: string;
  readonly format?: ReportFormat;
  /** Where to write it: a file path or a URI string (default: ask with the save dialog). */
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
 * Makes the report's text off the extension host's thread (citeproc compiles the CSL style before its
 * first entry, seconds on a slow machine): a worker thread on the desktop, a Blob-URL Web Worker on the web.
 */
export type ReportMaker = (data: ReportWorkerData) => Promise<string>;

/** How the host shows the finished report: the web cannot open a workspace file in the system browser. */
export interface ReportHost {
  readonly makeReport: ReportMaker;
  readonly canOpenInBrowser: boolean;
}

/** A URI string (`file:///…`, `vscode-remote://…`), not a path (a Windows drive letter looks like a scheme). */
const isUriString = (value: string) => /^[a-z][\w+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);

async function documentFor(options: ExportReportOptions): Promise<vscode.TextDocument | undefined> {
  if (options.document) {
    const uri = isUriString(options.document) ? vscode.Uri.parse(options.document) : uriOfPath(options.document);
    return vscode.workspace.openTextDocument(uri);
  }
  return vscode.window.activeTextEditor?.document;
}

export async function exportReport(corpusService: CorpusService, claimsOf: ClaimsOfDocument, host: ReportHost, argument?: unknown): Promise<ExportReportResult> {
  const options: ExportReportOptions = typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri) ? (argument as ExportReportOptions) : argument instanceof vscode.Uri ? { document: argument.toString() } : {};
  const document = await documentFor(options);
  if (!document) {
    const message = vscode.l10n.t('Open the talk (or another document with claims) in the editor, then run "Export Evidence Report…" again.');
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', error: message };
  }
  const format = options.format ?? (await pickFormat());
  if (!format) return { status: 'cancelled' };
  const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  let target = options.file ? (isUriString(options.file) ? vscode.Uri.parse(options.file) : uriOfPath(options.file)) : undefined;
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
      host.makeReport({ input, format, style: options.style ?? 'apa' }),
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    const message = vscode.l10n.t('Could not write {0}: {1}. Choose another place to export to.', pathOf(target), (error as Error).message);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', file: pathOf(target), error: message };
  }
  const where = target;
  const openInBrowser = vscode.l10n.t('Open in Browser');
  const open = vscode.l10n.t('Open');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Exported the evidence report of {0} claim(s) to {1}.', claims.claims.length, pathOf(target)), ...(format === 'html' && host.canOpenInBrowser ? [openInBrowser] : []), open)
    .then((choice) => {
      if (choice === openInBrowser) void vscode.env.openExternal(where);
      else if (choice === open) void vscode.window.showTextDocument(where);
    });
  return { status: 'exported', file: pathOf(target), claims: claims.claims.length };
}

async function pickFormat(): Promise<ReportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ReportFormat })[] = [
    { label: 'HTML', description: '.html', detail: vscode.l10n.t('One self-contained page to print or send: no script, prints as a clean handout.'), format: 'html' },
    { label: 'Markdown', description: '.md', detail: vscode.l10n.t('For a repository, a wiki or Pandoc.'), format: 'md' },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Evidence Report'), placeHolder: vscode.l10n.t('Export the report in which format?') }))?.format;
}
