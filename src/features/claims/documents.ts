import * as vscode from 'vscode';
import { WORKSPACE_SCHEMES } from '../../services/workspacePaths';

/** Documents whose claims the companion tracks. */
export const CLAIM_LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'];

/** Local files on the desktop; on the web also the remote and virtual file systems a workspace is opened from. */
export const CLAIM_SELECTOR: vscode.DocumentSelector = CLAIM_LANGUAGES.flatMap((language) => WORKSPACE_SCHEMES.map((scheme) => ({ language, scheme })));

export function isClaimDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(CLAIM_SELECTOR, document) > 0;
}
