import * as vscode from 'vscode';
import { webviewPage } from '../../services/webviewPage';

/** The paper/challenge panel page: panel.js renders whatever the host posts. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, {
    styles: [vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')],
    script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'panel.js'),
    loadingText: vscode.l10n.t('Loading…'),
  });
}
