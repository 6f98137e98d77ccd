import * as vscode from 'vscode';

/** Documents whose claims the companion tracks. */
export const CLAIM_LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'];

export const CLAIM_SELECTOR: vscode.DocumentSelector = CLAIM_LANGUAGES.map((language) => ({ language, scheme: 'file' }));

export function isClaimDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(CLAIM_SELECTOR, document) > 0;
}
