import type * as vscode from 'vscode';

/** The documents citations are completed, hovered and followed in (desktop and web entries). */
export const CITATION_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'latex' }, { language: 'tex' }];
/** Typing one of these after `[@` or `\cite{` asks for completions. */
export const COMPLETION_TRIGGERS = ['@', '{', ','];
