import * as path from 'node:path';
import * as vscode from 'vscode';
import { CITATION_SELECTOR, COMPLETION_TRIGGERS } from './selector';
import { once } from '../../core/common/once';
import type { CorpusService } from '../../services/corpusService';


/**
 * Citations: key completion, hover and go-to-definition for `[@key]` in Markdown and `\cite{key}` in
 * LaTeX, "Insert Citation…", and bibliography export and import. The providers and the commands load with
 * `import()` when first asked (each from its own bundle), and nothing reads the corpus until then.
 */
export function activateCitations(context: vscode.ExtensionContext, corpus: CorpusService): void {
  const providers = once(async () => {
    const { CitationCompletionProvider, CitationDefinitionProvider, CitationHoverProvider } = await import('./providers');
    return { completion: new CitationCompletionProvider(corpus), hover: new CitationHoverProvider(corpus), definition: new CitationDefinitionProvider(corpus) };
  });
  const commands = once(() => import('./commands'));
  const importer = once(async () => {
    const made = new (await commands()).BibliographyImporter(corpus, path.join(context.extensionPath, 'sources'));
    context.subscriptions.push(made);
    return made;
  });
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, { provideCompletionItems: async (document, position) => (await providers()).completion.provideCompletionItems(document, position) }, ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, { provideHover: async (document, position) => (await providers()).hover.provideHover(document, position) }),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, { provideDefinition: async (document, position) => (await providers()).definition.provideDefinition(document, position) }),
    vscode.commands.registerCommand('literatureCompanion.insertCitation', async (argument?: unknown) => (await commands()).insertCitation(corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.exportBibliography', async (argument?: unknown) => (await commands()).exportBibliography(corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.importBibliography', async (argument?: unknown) => (await importer()).run(argument)),
  );
}
