import * as vscode from 'vscode';
import { hasFailures, summarize, verifyCorpusQuotes, type QuoteVerdict } from '../../core/pdf/verifyQuotes';
import { formatVerifyTable } from '../../core/pdf/verifyTable';
import { neutraliseBidi } from '../../core/render/untrustedText';
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
        () => verifyCorpusQuotes(loaded, { pdfDir: library.targetFolder(), locatePdf: (paper) => library.locate(paper), cacheDir: library.cacheDir(), extractor: library.textExtractor() }),
      );
      channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Literature Companion: Quotes'));
      channel.clear();
      for (const row of formatVerifyTable(verdicts)) channel.appendLine(row);
      // Why a PDF could not be read does not fit a table cell: once per message, below it.
      for (const message of new Set(verdicts.flatMap((verdict) => verdict.message ?? []))) channel.appendLine(`\n${neutraliseBidi(message)}`);
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
