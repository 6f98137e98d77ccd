import * as vscode from 'vscode';
import type { CorpusService } from '../../services/corpusService';
import { once } from '../../core/common/once';
import type { PdfLibrary } from '../../services/pdfLibrary';

export type { AttachPdfOptions, AttachPdfResult } from './attachCommand';
export type { AttachFolderResult } from './attachFolderCommand';
export type { DownloadPdfsOptions, DownloadPdfsResult, PaperDownloadOutcome } from './downloadCommand';

/**
 * "Download paper PDFs" (the pinned arXiv versions, after asking, never in an untrusted workspace) and
 * "Attach PDF…" (a local file, checked and copied in), and "Attach a Folder of PDFs…" (every PDF of a folder
 * that is a paper of the corpus). Each returns a result object for tests and callers. The handlers load with `import()` on first use.
 */
export function activatePdfCommands(context: vscode.ExtensionContext, library: PdfLibrary, corpus: CorpusService): void {
  const commands = once(() => import('./commands'));
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.downloadPdfs', async (argument?: unknown) => (await commands()).downloadPdfs(context, library, corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.attachPdf', async (target?: unknown, file?: unknown, options?: unknown) => (await commands()).attachPdf(context.globalState, library, corpus, target, file, options)),
    vscode.commands.registerCommand('literatureCompanion.attachPdfFolder', async (folder?: unknown) => (await commands()).attachPdfFolder(context.globalState, library, corpus, folder)),
  );
}
