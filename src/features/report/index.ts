import * as vscode from 'vscode';
import { once } from '../../core/common/once';
import type { CorpusService } from '../../services/corpusService';
import type { ClaimsOfDocument } from './exportCommand';

export type { ClaimsOfDocument, ExportReportOptions, ExportReportResult } from './exportCommand';

/** "Export Evidence Report…": the same core as the CLI's `report`, over the claims the editor shows. */
export function activateReport(context: vscode.ExtensionContext, corpus: CorpusService, claimsOf: ClaimsOfDocument): void {
  const command = once(() => import('./desktopExport'));
  context.subscriptions.push(vscode.commands.registerCommand('literatureCompanion.exportReport', async (argument?: unknown) => (await command()).exportReportOnDesktop(corpus, claimsOf, argument)));
}

