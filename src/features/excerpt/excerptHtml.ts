import * as vscode from 'vscode';
import { EXCERPT_TEXT } from '../../protocol/webviewText';
import { pdfJsPage } from '../../services/webviewPage';

/** The excerpt page: pdf.js draws the quote's page (see pdfJsPage for its policy). */
export function excerptHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return pdfJsPage(webview, extensionUri, {
    styles: [vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'), vscode.Uri.joinPath(extensionUri, 'media', 'excerpt.css')],
    script: 'excerpt.js',
    loadingText: vscode.l10n.t('Finding the quote in the PDF…'),
    texts: EXCERPT_TEXT,
  });
}
