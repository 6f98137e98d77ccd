import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Paper } from '../../core/corpus/model';
import { displayLine } from '../../core/render/untrustedText';
import { DownloadError, inspectLocalPdf, installLocalPdf, isSafePaperId } from '../../core/download';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { describeFailure } from './messages';
import { dialogStartFolder, rememberFolder } from './attachFolderCommand';
import { paperIdOf } from '../../services/paperArgument';

/** Optional third argument of `literatureCompanion.attachPdf`, for tests and automation. */
export interface AttachPdfOptions {
  /** `false` answers the hash warning with "attach anyway" and asks nothing. */
  readonly confirm?: boolean;
  /** Without a dialog, a different existing `<id>.pdf` is replaced only when this is true. */
  readonly replace?: boolean;
}

export interface AttachPdfResult {
  readonly status: 'attached' | 'unchanged' | 'cancelled' | 'failed';
  readonly paper?: string;
  /** Where the PDF now lives. */
  readonly file?: string;
  readonly sha256?: string;
  /** Whether the file matches the corpus's pinned sha256; undefined when the corpus does not pin one. */
  readonly matchesPinned?: boolean;
  readonly error?: string;
}

export async function attachPdf(state: vscode.Memento, library: PdfLibrary, corpusService: CorpusService, target?: unknown, fileArgument?: unknown, optionsArgument?: unknown): Promise<AttachPdfResult> {
  const options: AttachPdfOptions = typeof optionsArgument === 'object' && optionsArgument !== null ? (optionsArgument as AttachPdfOptions) : {};
  const interactive = options.confirm !== false;
  const corpus = await corpusService.get();
  const id = paperIdOf(target) ?? (await pickPaper(corpus.papers, library));
  if (!id) return { status: 'cancelled' };
  const paper = corpus.papers.get(id);
  if (!paper) return fail(vscode.l10n.t('{0}: no such paper in the corpus.', id), id);
  if (!isSafePaperId(paper.id)) return fail(vscode.l10n.t('{0}: this id cannot be used as a file name; fix "id" in {1}.', paper.id, path.basename(paper.file)), paper.id);

  const file = typeof fileArgument === 'string' && fileArgument ? fileArgument : await pickFile(paper, state);
  if (!file) return { status: 'cancelled', paper: paper.id };

  try {
    const chosen = await inspectLocalPdf(file);
    const matchesPinned = paper.sha256 === undefined ? undefined : chosen.sha256 === paper.sha256;
    if (matchesPinned === false && interactive) {
      const proceed = vscode.l10n.t('Attach anyway');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('This PDF is not the pinned version ({0}) of {1}: its pages may differ from the page numbers in the evidence.', paper.version, paper.id),
        {
          modal: true,
          detail: vscode.l10n.t('Quotes are found again by their text, so most will still be located; those not found are listed, never dropped.\n\nChosen file: sha256 {0}\nPinned in {1}: sha256 {2}', chosen.sha256, path.basename(paper.file), paper.sha256 ?? ''),
        },
        proceed,
      );
      if (answer !== proceed) return { status: 'cancelled', paper: paper.id, matchesPinned };
    }

    const folder = library.targetFolder();
    const destination = path.join(folder, `${paper.id}.pdf`);
    let overwrite = false;
    if (existsSync(destination)) {
      const present = await inspectLocalPdf(destination).catch(() => undefined);
      if (present?.sha256 === chosen.sha256) {
        library.announce(paper.id);
        if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already the PDF of {1}.', path.basename(file), paper.id));
        return { status: 'unchanged', paper: paper.id, file: destination, sha256: chosen.sha256, matchesPinned };
      }
      if (interactive) {
        const replace = vscode.l10n.t('Replace');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already has a different PDF: {1}. Replace it?', paper.id, destination), { modal: true }, replace);
        if (answer !== replace) return { status: 'cancelled', paper: paper.id, matchesPinned };
        overwrite = true;
      } else if (options.replace === true) {
        overwrite = true;
      }
    }

    const installed = await installLocalPdf(file, folder, paper.id, { sha256: chosen.sha256, overwrite });
    library.announce(paper.id);
    const note = matchesPinned === false ? ` ${vscode.l10n.t('Not the pinned version: quotes are re-anchored by their text.')}` : '';
    void vscode.window.showInformationMessage(vscode.l10n.t('Attached {0} as the PDF of {1} ({2}).', path.basename(file), paper.id, installed.file) + note);
    return { status: 'attached', paper: paper.id, file: installed.file, sha256: installed.sha256, matchesPinned };
  } catch (error) {
    const message = error instanceof DownloadError ? describeFailure(error, paper) : `${paper.id}: ${error instanceof Error ? error.message : String(error)}`;
    return fail(message, paper.id);
  }
}

function fail(message: string, paper?: string): AttachPdfResult {
  void vscode.window.showErrorMessage(message);
  return { status: 'failed', paper, error: message };
}

async function pickPaper(papers: ReadonlyMap<string, Paper>, library: PdfLibrary): Promise<string | undefined> {
  const items = [...papers.values()].map((paper) => ({
    label: paper.id,
    description: displayLine(paper.title, 200),
    detail: library.find(paper.id) ? vscode.l10n.t('has a PDF') : vscode.l10n.t('no PDF yet'),
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Attach a PDF to which paper?'), matchOnDescription: true });
  return picked?.label;
}

async function pickFile(paper: Paper, state: vscode.Memento): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    defaultUri: dialogStartFolder(state),
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { PDF: ['pdf'] },
    openLabel: vscode.l10n.t('Attach'),
    title: vscode.l10n.t('The PDF of {0} ({1})', paper.title, `${paper.id}${paper.version}`),
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Choose a file on this machine; {0} is not a local file.', uri.toString()));
    return undefined;
  }
  await rememberFolder(state, path.dirname(uri.fsPath));
  return uri.fsPath;
}
