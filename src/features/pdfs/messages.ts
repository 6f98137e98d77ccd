import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes, type DownloadError } from '../../core/download';
import type { Paper } from '../../core/corpus/model';

/** A download or attach failure for one paper, localised, saying what to do next. */
export function describeFailure(error: DownloadError, paper: Pick<Paper, 'id' | 'version' | 'file'>): string {
  const d = error.details;
  const file = path.basename(paper.file);
  switch (error.kind) {
    case 'not-allowed':
      return vscode.l10n.t('{0}: {1} is not the pinned arXiv address https://arxiv.org/pdf/{0}{2}, so nothing was downloaded. Fix "pdfUrl" in {3}, or attach the PDF.', paper.id, d.url ?? '', paper.version, file);
    case 'offline':
      return vscode.l10n.t('{0}: could not reach arXiv ({1}). Offline? Attach the PDF instead.', paper.id, d.code ?? '?');
    case 'http':
      if (d.status === 404 || d.status === 410) return vscode.l10n.t('{0}: arXiv answered HTTP {1}; the pinned version may not exist. Check "pdfUrl" and "version" in {2}, or attach the PDF.', paper.id, d.status, file);
      if (d.status === 403 || d.status === 429) return vscode.l10n.t('{0}: arXiv answered HTTP {1}; it may be limiting downloads. Try again later, or attach the PDF.', paper.id, d.status);
      return vscode.l10n.t('{0}: arXiv answered HTTP {1}. Try again later, or attach the PDF.', paper.id, d.status ?? '?');
    case 'timeout':
      return vscode.l10n.t('{0}: the download timed out ({1} s). Try again on a better connection, or attach the PDF.', paper.id, Math.round((d.timeoutMs ?? 0) / 1000));
    case 'too-large':
      return vscode.l10n.t('{0}: the file is larger than the {1} limit and was not downloaded. Attach the PDF instead.', paper.id, formatBytes(d.limitBytes ?? 0));
    case 'hash-mismatch':
      return vscode.l10n.t('{0}: the downloaded file does not match the sha256 pinned in {1} and was discarded. Attach the pinned version, or correct "sha256".', paper.id, file);
    case 'connection-dropped':
      return d.receivedBytes !== undefined && d.expectedBytes !== undefined
        ? vscode.l10n.t('{0}: the connection dropped after {1} of {2}; nothing was saved. Try again.', paper.id, formatBytes(d.receivedBytes), formatBytes(d.expectedBytes))
        : vscode.l10n.t('{0}: the connection dropped before the download finished; nothing was saved. Try again.', paper.id);
    case 'not-pdf':
      return d.url
        ? vscode.l10n.t('{0}: arXiv sent something that is not a PDF (it began with "{1}"). Try again later, or attach the PDF.', paper.id, d.startedWith ?? '')
        : vscode.l10n.t('{0} is not a PDF. Choose the paper\'s PDF file.', d.file ?? '');
    case 'exists':
      return vscode.l10n.t('{0}: {1} already exists and was left as it is.', paper.id, d.file ?? '');
    case 'write-failed':
      return vscode.l10n.t('{0}: could not write or read {1} ({2}). Check that the folder is writable, or choose another in the "literatureCompanion.pdfFolder" setting.', paper.id, d.file ?? '', d.code ?? error.message);
    case 'cancelled':
      return vscode.l10n.t('{0}: cancelled; nothing was saved.', paper.id);
  }
}
