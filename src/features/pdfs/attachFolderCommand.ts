import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Paper } from '../../core/corpus/model';
import { DownloadError, inspectLocalPdf, installLocalPdf, isSafePaperId, matchPdfsToPapers, pdfFilesIn, type MatchedBy } from '../../core/download';
import { displayLine } from '../../core/render/untrustedText';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { describeFailure } from './messages';

const LAST_FOLDER_KEY = 'literatureCompanion.lastPdfFolder';

/** Where the Attach dialogs open: the folder last chosen, else Downloads (where PDFs usually are), else home. */
export function dialogStartFolder(state: vscode.Memento): vscode.Uri {
  const last = state.get<string>(LAST_FOLDER_KEY);
  if (last && existsSync(last)) return vscode.Uri.file(last);
  const downloads = path.join(homedir(), 'Downloads');
  return vscode.Uri.file(existsSync(downloads) ? downloads : homedir());
}

export function rememberFolder(state: vscode.Memento, folder: string): Thenable<void> {
  return state.update(LAST_FOLDER_KEY, folder);
}

export interface AttachFolderResult {
  readonly status: 'done' | 'cancelled' | 'failed';
  readonly folder?: string;
  readonly attached: readonly { readonly paper: string; readonly file: string; readonly by: MatchedBy; readonly matchesPinned?: boolean }[];
  /** Matched, but the paper already has this very file. */
  readonly unchanged: readonly string[];
  /** Matched, but the paper already has a different PDF: left as it is (Attach PDF… replaces it on request). */
  readonly keptExisting: readonly { readonly paper: string; readonly file: string }[];
  /** PDFs of the folder that are no paper of the corpus, and files that are not PDFs. */
  readonly unmatched: readonly string[];
  /** Papers that still have no PDF. */
  readonly stillMissing: readonly string[];
  /** Matched, but copying failed (e.g. the PDF folder is not writable); the others were still attached. */
  readonly failed: readonly { readonly paper: string; readonly error: string }[];
  readonly error?: string;
}

/**
 * "Attach a Folder of PDFs…": every PDF of a folder that is a paper of the corpus (by the id in its name, the
 * pinned sha256, or the title on its first page) is copied into the PDF folder. Nothing is overwritten.
 */
export async function attachPdfFolder(state: vscode.Memento, library: PdfLibrary, corpusService: CorpusService, folderArgument?: unknown): Promise<AttachFolderResult> {
  const empty = { attached: [], unchanged: [], keptExisting: [], unmatched: [], stillMissing: [], failed: [] };
  const folder = typeof folderArgument === 'string' && folderArgument ? folderArgument : await pickFolder(state);
  if (!folder) return { status: 'cancelled', ...empty };
  await rememberFolder(state, folder);
  const corpus = await corpusService.get();
  const papers = [...corpus.papers.values()].filter((paper) => isSafePaperId(paper.id));

  let files: string[];
  try {
    files = await pdfFilesIn(folder);
  } catch (error) {
    const message = vscode.l10n.t('Cannot read the folder {0}: {1}', folder, (error as Error).message);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', folder, ...empty, error: message };
  }

  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Matching {0} PDF(s) to the papers…', files.length) }, async () => {
    const found = await matchPdfsToPapers(files, papers, { firstPageText: async (file) => (await library.read(file)).pages[0]?.text ?? '' });
    const result = { status: 'done' as const, folder, attached: [] as AttachFolderResult['attached'][number][], unchanged: [] as string[], keptExisting: [] as { paper: string; file: string }[], failed: [] as { paper: string; error: string }[] };
    for (const match of found.matches) {
      const paper = corpus.papers.get(match.paper)!;
      const present = library.find(paper.id);
      if (present) {
        const existing = await inspectLocalPdf(present).catch(() => undefined);
        if (existing?.sha256 === match.sha256) result.unchanged.push(paper.id);
        else result.keptExisting.push({ paper: paper.id, file: match.file });
        continue;
      }
      try {
        await installLocalPdf(match.file, library.targetFolder(), paper.id, { sha256: match.sha256 });
      } catch (error) {
        const message = error instanceof DownloadError ? describeFailure(error, paper) : `${paper.id}: ${(error as Error).message}`;
        void vscode.window.showErrorMessage(message);
        result.failed.push({ paper: paper.id, error: message });
        continue;
      }
      library.announce(paper.id);
      result.attached.push({ paper: paper.id, file: match.file, by: match.by, matchesPinned: paper.sha256 === undefined ? undefined : paper.sha256 === match.sha256 });
    }
    const stillMissing = papers.filter((paper) => !library.find(paper.id)).map((paper) => paper.id);
    const done: AttachFolderResult = { ...result, unmatched: [...found.unmatched, ...found.problems.map((problem) => problem.file)], stillMissing };
    report(done, papers);
    return done;
  });
}

async function pickFolder(state: vscode.Memento): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: dialogStartFolder(state),
    openLabel: vscode.l10n.t('Attach PDFs from This Folder'),
    title: vscode.l10n.t('A folder with the papers\' PDFs (matched by arXiv id in the name, sha256, or title)'),
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Choose a folder on this machine; {0} is not a local folder.', uri.toString()));
    return undefined;
  }
  return uri.fsPath;
}

function report(result: AttachFolderResult, papers: readonly Paper[]): void {
  const parts = [vscode.l10n.t('Attached {0} PDF(s) from {1}.', result.attached.length, path.basename(result.folder ?? ''))];
  if (result.unchanged.length > 0) parts.push(vscode.l10n.t('{0} already attached.', result.unchanged.length));
  if (result.keptExisting.length > 0) parts.push(vscode.l10n.t('Kept the PDF already attached to {0} (Attach PDF… replaces it).', result.keptExisting.map((item) => item.paper).join(', ')));
  if (result.unmatched.length > 0) parts.push(vscode.l10n.t('{0} file(s) matched no paper.', result.unmatched.length));
  if (result.stillMissing.length > 0) {
    const names = result.stillMissing.map((id) => displayLine(papers.find((paper) => paper.id === id)?.title ?? id, 40));
    parts.push(vscode.l10n.t('Still without a PDF: {0}.', names.join('; ')));
  }
  const show = result.attached.length > 0 ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(parts.join(' '));
}
