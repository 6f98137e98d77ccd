import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusService } from '../../services/corpusService';
import { exportBibliography } from './exportCommand';
import { BibliographyImporter } from './importCommand';
import { insertCitation } from './insertCommand';
import { CITATION_SELECTOR, COMPLETION_TRIGGERS, CitationCompletionProvider, CitationDefinitionProvider, CitationHoverProvider } from './providers';

/**
 * Citations: key completion, hover and go-to-definition for `[@key]` in Markdown and `\cite{key}` in
 * LaTeX, "Insert Citation…", and bibliography export and import. Nothing here reads the corpus until a
 * provider or command is first used.
 */
export function activateCitations(context: vscode.ExtensionContext, corpus: CorpusService): void {
  const importer = new BibliographyImporter(corpus, path.join(context.extensionPath, 'sources'));
  context.subscriptions.push(
    importer,
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, new CitationCompletionProvider(corpus), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, new CitationHoverProvider(corpus)),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, new CitationDefinitionProvider(corpus)),
    vscode.commands.registerCommand('literatureCompanion.insertCitation', (argument?: unknown) => insertCitation(corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.exportBibliography', (argument?: unknown) => exportBibliography(corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.importBibliography', (argument?: unknown) => importer.run(argument)),
  );
}
