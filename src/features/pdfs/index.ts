import * as vscode from 'vscode';
import type { CorpusService } from '../corpus';
import type { PdfLibrary } from './library';

/** Registers "Download paper PDFs" and "Attach PDF…" (being built). */
export function activatePdfCommands(_context: vscode.ExtensionContext, _library: PdfLibrary, _corpus: CorpusService): void {}
