import * as vscode from 'vscode';
import { VIEWER_TEXT } from '../../protocol/webviewText';
import { pdfJsPage } from '../../services/webviewPage';

/** The PDF viewer's page: the excerpt panel's pdf.js page (see pdfJsPage) plus pdf.js's viewer stylesheet. */
export function viewerHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return pdfJsPage(webview, extensionUri, {
    styles: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'pdf_viewer.css'), vscode.Uri.joinPath(extensionUri, 'media', 'viewer.css')],
    script: 'viewer.js',
    loadingText: vscode.l10n.t('Opening the PDF…'),
    texts: VIEWER_TEXT,
  });
}
