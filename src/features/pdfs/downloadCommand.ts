import * as vscode from 'vscode';
import type { Paper } from '../../core/corpus/model';
import { DownloadError, downloadPaperPdf, formatBytes, type DownloadErrorKind } from '../../core/download';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { describeFailure } from './messages';
import { testDownloadOrigin } from './testOrigin';

/** Optional argument of `literatureCompanion.downloadPdfs`, for tests and automation. */
export interface DownloadPdfsOptions {
  /** `false` skips the confirmation (the caller has asked already). */
  readonly confirm?: boolean;
  /** Only these paper ids (those of them that lack a PDF). */
  readonly papers?: readonly string[];
}

export type PaperDownloadOutcome =
  | { readonly paper: string; readonly ok: true; readonly file: string }
  | { readonly paper: string; readonly ok: false; readonly kind: DownloadErrorKind | 'unknown-paper'; readonly error: string };

export interface DownloadPdfsResult {
  /** `done` also when some papers failed: see `results`. */
  readonly status: 'done' | 'nothing-missing' | 'declined' | 'untrusted';
  readonly folder?: string;
  readonly results: readonly PaperDownloadOutcome[];
}

export async function downloadPdfs(context: vscode.ExtensionContext, library: PdfLibrary, corpusService: CorpusService, argument?: unknown): Promise<DownloadPdfsResult> {
  const options = optionsOf(argument);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Downloading PDFs is turned off in an untrusted workspace. Trust the workspace to download, or attach PDFs you already have with "Attach PDF…".'));
    return { status: 'untrusted', results: [] };
  }
  const corpus = await corpusService.get();
  const unknown: PaperDownloadOutcome[] = (options.papers ?? [])
    .filter((id) => !corpus.papers.has(id))
    .map((id) => ({ paper: id, ok: false, kind: 'unknown-paper', error: vscode.l10n.t('{0}: no such paper in the corpus.', id) }));
  const wanted = options.papers ? options.papers.flatMap((id) => corpus.papers.get(id) ?? []) : [...corpus.papers.values()];
  const missing = wanted.filter((paper) => !library.find(paper.id));
  const folder = library.targetFolder();
  if (missing.length === 0) {
    if (unknown.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Every paper already has its PDF.'));
    else void vscode.window.showWarningMessage(unknown.map((outcome) => (outcome.ok ? '' : outcome.error)).join('\n'));
    return { status: 'nothing-missing', folder, results: unknown };
  }
  if (options.confirm !== false) {
    const download = vscode.l10n.t('Download');
    const detail = [
      ...missing.map((paper) => `${paper.id}${paper.version} — ${paper.title}`),
      '',
      vscode.l10n.t('From: https://arxiv.org/pdf/ (the pinned versions)'),
      vscode.l10n.t('Into: {0}', folder),
    ].join('\n');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Download {0} missing PDF(s) from arXiv?', missing.length), { modal: true, detail }, download);
    if (answer !== download) return { status: 'declined', folder, results: [] };
  }
  const testOrigin = testDownloadOrigin(context);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading paper PDFs'), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const onCancel = token.onCancellationRequested(() => controller.abort());
      const outcomes: PaperDownloadOutcome[] = [];
      const share = 100 / missing.length;
      let reported = 0;
      try {
        for (const [index, paper] of missing.entries()) {
          const step = vscode.l10n.t('{0} ({1} of {2})', paper.id, index + 1, missing.length);
          const base = index * share;
          progress.report({ message: step, increment: base - reported });
          reported = base;
          let lastReport = 0;
          try {
            const result = await downloadPaperPdf(paper, {
              targetDir: folder,
              sha256: paper.sha256,
              signal: controller.signal,
              testOrigin,
              onProgress: ({ receivedBytes, totalBytes }) => {
                const now = Date.now();
                if (now - lastReport < 200) return;
                lastReport = now;
                const within = totalBytes ? (receivedBytes / totalBytes) * share : 0;
                const message = totalBytes ? `${step}: ${formatBytes(receivedBytes)} / ${formatBytes(totalBytes)}` : `${step}: ${formatBytes(receivedBytes)}`;
                progress.report({ message, increment: base + within - reported });
                reported = base + within;
              },
            });
            outcomes.push({ paper: paper.id, ok: true, file: result.file });
            library.announce(paper.id);
          } catch (error) {
            outcomes.push(failure(paper, error));
          }
        }
      } finally {
        onCancel.dispose();
      }
      return outcomes;
    },
  );
  report([...unknown, ...results], folder);
  return { status: 'done', folder, results: [...unknown, ...results] };
}

function optionsOf(argument: unknown): DownloadPdfsOptions {
  if (typeof argument !== 'object' || argument === null || 'kind' in argument) return {};
  const { confirm, papers } = argument as { confirm?: unknown; papers?: unknown };
  return {
    confirm: confirm === false ? false : undefined,
    papers: Array.isArray(papers) ? papers.filter((id): id is string => typeof id === 'string') : undefined,
  };
}

function failure(paper: Paper, error: unknown): PaperDownloadOutcome {
  if (error instanceof DownloadError) return { paper: paper.id, ok: false, kind: error.kind, error: describeFailure(error, paper) };
  return { paper: paper.id, ok: false, kind: 'write-failed', error: `${paper.id}: ${error instanceof Error ? error.message : String(error)}` };
}

/** One summary a person can act on: what landed where, and each failure with its remedy. */
function report(outcomes: readonly PaperDownloadOutcome[], folder: string): void {
  const ok = outcomes.filter((outcome) => outcome.ok).length;
  const failed = outcomes.filter((outcome): outcome is Extract<PaperDownloadOutcome, { ok: false }> => !outcome.ok);
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Downloaded {0} PDF(s) into {1}.', ok, folder));
    return;
  }
  if (failed.every((outcome) => outcome.kind === 'cancelled')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Download cancelled: {0} PDF(s) downloaded, nothing partial was kept.', ok));
    return;
  }
  const attach = vscode.l10n.t('Attach PDF…');
  const headline = vscode.l10n.t('{0} PDF(s) downloaded, {1} failed.', ok, failed.length);
  const firstAttachable = failed.find((outcome) => outcome.kind !== 'cancelled' && outcome.kind !== 'unknown-paper');
  const buttons = firstAttachable ? [attach] : [];
  void vscode.window.showWarningMessage(`${headline} ${failed.map((outcome) => outcome.error).join(' ')}`, ...buttons).then((answer) => {
    if (answer === attach && firstAttachable) void vscode.commands.executeCommand('literatureCompanion.attachPdf', firstAttachable.paper);
  });
}
