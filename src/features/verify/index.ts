import * as vscode from 'vscode';
import { hasFailures, summarize, verifyCorpusQuotes, type QuoteVerdict } from '../../core/pdf';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';

/** "Verify all quotes": every stored quote checked against its PDF, listed in an output channel. */
export function activateVerify(context: vscode.ExtensionContext, corpus: CorpusService, library: PdfLibrary): void {
  let channel: vscode.OutputChannel | undefined;
  context.subscriptions.push(
    { dispose: () => channel?.dispose() },
    vscode.commands.registerCommand('literatureCompanion.verifyQuotes', async (): Promise<QuoteVerdict[]> => {
      const loaded = await corpus.get();
      const verdicts = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying quotes against the PDFs…') },
        () => verifyCorpusQuotes(loaded, { pdfDir: library.targetFolder(), locatePdf: (paper) => library.find(paper), cacheDir: library.cacheDir(), extractor: library.textExtractor() }),
      );
      channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Literature Companion: Quotes'));
      channel.clear();
      for (const verdict of verdicts) {
        channel.appendLine(`${verdict.label.padEnd(26)} arXiv ${verdict.paper} p.${String(verdict.page).padEnd(3)} §${verdict.challenge.padEnd(6)} "${verdict.quote.slice(0, 80)}${verdict.quote.length > 80 ? '…' : ''}"${verdict.message ? `  (${verdict.message})` : ''}`);
      }
      const summary = summarize(verdicts);
      const line = vscode.l10n.t(
        '{0} quotes: {1} found at their page, {2} on another page, {3} not found, {4} without a PDF, {5} in unreadable PDFs.',
        summary.total, summary.found, summary.foundElsewhere, summary.notFound, summary.pdfMissing, summary.pdfError,
      );
      channel.appendLine(`\n${line}`);
      const show = vscode.l10n.t('Show Details');
      const notify = hasFailures(summary) ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void notify(line, show).then((choice) => choice === show && channel?.show(true));
      return verdicts;
    }),
  );
}
