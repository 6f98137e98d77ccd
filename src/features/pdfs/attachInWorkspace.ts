import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Paper } from '../../core/corpus/model';
import { DEFAULT_PDF_LIMITS } from '../../core/pdf/limits';
import { checkPdfBytes, PdfReadError } from '../../core/pdf/pdfErrors';
import { platformFiles } from '../../core/platform/fileSystem';
import { sha256Hex } from '../../core/platform/hash';
import { displayLine } from '../../core/render/untrustedText';
import type { CorpusService } from '../../services/corpusService';
import { paperIdOf } from '../../services/paperArgument';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { pathOf } from '../../services/workspacePaths';
import type { AttachPdfOptions, AttachPdfResult } from './attachCommand';

/** Same rule as core/download's isSafePaperId (that module reads with Node streams): the id becomes a file name. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * "Attach PDF…" in the browser (the web entry registers it): the PDF is chosen among the workspace's files
 * (the local disk is out of reach there), checked (a PDF, and whether it is the pinned version), and copied
 * to the paper's PDF folder through the platform FileSystem. Same arguments and result as the desktop's
 * attachPdf (attachCommand.ts), so the excerpt panel's button and tests work alike.
 */
export async function attachPdfInWorkspace(library: PdfLibrary, corpusService: CorpusService, target?: unknown, fileArgument?: unknown, optionsArgument?: unknown): Promise<AttachPdfResult> {
  const options: AttachPdfOptions = typeof optionsArgument === 'object' && optionsArgument !== null ? (optionsArgument as AttachPdfOptions) : {};
  const interactive = options.confirm !== false;
  const corpus = await corpusService.get();
  const id = paperIdOf(target) ?? (await pickPaper(corpus.papers));
  if (!id) return { status: 'cancelled' };
  const paper = corpus.papers.get(id);
  if (!paper) return fail(vscode.l10n.t('{0}: no such paper in the corpus.', id), id);
  if (!SAFE_ID.test(paper.id) || paper.id.includes('..')) return fail(vscode.l10n.t('{0}: this id cannot be used as a file name; fix "id" in {1}.', paper.id, path.basename(paper.file)), paper.id);
  const file = typeof fileArgument === 'string' && fileArgument ? fileArgument : await pickWorkspaceFile(paper);
  if (!file) return { status: 'cancelled', paper: paper.id };

  const files = platformFiles();
  try {
    const read = await files.readRegularFile(file, DEFAULT_PDF_LIMITS.maxBytes);
    if (read.kind !== 'read') return fail(vscode.l10n.t('{0}: {1} cannot be attached ({2}).', paper.id, file, read.kind === 'too-large' ? vscode.l10n.t('larger than {0} MB', DEFAULT_PDF_LIMITS.maxBytes / 1048576) : read.kind === 'missing' ? vscode.l10n.t('it does not exist') : read.what), paper.id);
    checkPdfBytes(file, read.bytes, read.bytes.length);
    const sha256 = await sha256Hex(read.bytes);
    const matchesPinned = paper.sha256 === undefined ? undefined : sha256 === paper.sha256;
    if (matchesPinned === false && interactive) {
      const proceed = vscode.l10n.t('Attach anyway');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('This PDF is not the pinned version ({0}) of {1}: its pages may differ from the page numbers in the evidence.', paper.version, paper.id), { modal: true }, proceed);
      if (answer !== proceed) return { status: 'cancelled', paper: paper.id, matchesPinned };
    }
    const destination = path.join(library.targetFolder(), `${paper.id}.pdf`);
    let overwrite = false;
    if (await files.stat(destination)) {
      if ((await sha256Hex(await files.readFile(destination)).catch(() => undefined)) === sha256) {
        library.announce(paper.id);
        return { status: 'unchanged', paper: paper.id, file: destination, sha256, matchesPinned };
      }
      const replace = vscode.l10n.t('Replace');
      overwrite = interactive ? (await vscode.window.showWarningMessage(vscode.l10n.t('{0} already has a different PDF: {1}. Replace it?', paper.id, destination), { modal: true }, replace)) === replace : options.replace === true;
      if (!overwrite) return { status: 'cancelled', paper: paper.id, matchesPinned };
    }
    await files.writeFileAtomic(destination, read.bytes, { overwrite });
    library.announce(paper.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Attached {0} as the PDF of {1} ({2}).', path.basename(file), paper.id, destination));
    return { status: 'attached', paper: paper.id, file: destination, sha256, matchesPinned };
  } catch (error) {
    return fail(error instanceof PdfReadError ? error.message : `${paper.id}: ${(error as Error).message}`, paper.id);
  }
}

/**
 * "Attach a Folder of PDFs…" is not offered in the browser (it matches PDFs by title, reading each with
 * Node); a link or a button that still runs it is told what to do instead.
 */
export function explainNoFolderAttach(): string {
  const message = vscode.l10n.t('Attaching a folder of PDFs is not available in the browser. Set "literatureCompanion.pdfFolder" to a folder of this workspace holding <arXiv id>.pdf files, or attach PDFs one by one with "Attach PDF…".');
  void vscode.window.showInformationMessage(message);
  return message;
}

function fail(message: string, paper?: string): AttachPdfResult {
  void vscode.window.showErrorMessage(message);
  return { status: 'failed', paper, error: message };
}

async function pickPaper(papers: ReadonlyMap<string, Paper>): Promise<string | undefined> {
  const items = [...papers.values()].map((paper) => ({ label: paper.id, description: displayLine(paper.title, 200) }));
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Attach a PDF to which paper?'), matchOnDescription: true }))?.label;
}

async function pickWorkspaceFile(paper: Paper): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { PDF: ['pdf'] },
    openLabel: vscode.l10n.t('Attach'),
    title: vscode.l10n.t('The PDF of {0} ({1}), from this workspace', paper.title, `${paper.id}${paper.version}`),
  });
  return picked?.[0] && pathOf(picked[0]);
}
