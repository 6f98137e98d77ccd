import * as vscode from 'vscode';
import { matchReferences, parseReferenceList, type ReferenceHint, type ReferenceMatch } from '../../core/references';
import { escapeMarkdown, paperMarkdown } from '../../services/paperMarkdown';
import type { CorpusService } from '../../services/corpusService';

const REFERENCE_SELECTOR: vscode.DocumentSelector = { language: 'markdown' };
const OPEN_PAPER = 'literatureCompanion.openPaper';

/**
 * A talk's own reference list ("Sources", "References", "Источники"): each line that names a corpus paper
 * links to its summary, shows it on hover, and gets a hint (never an error) where its title or address
 * parts ways with the pinned paper. The core (src/core/references) does the parsing and matching.
 */
export function activateReferences(context: vscode.ExtensionContext, corpus: CorpusService): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('literatureCompanion.references');
  const matchesOf = async (document: vscode.TextDocument): Promise<ReferenceMatch[]> => {
    const references = parseReferenceList(document.getText());
    return references.length === 0 ? [] : matchReferences(references, await corpus.get());
  };

  const updateHints = async (document: vscode.TextDocument) => {
    if (!vscode.languages.match(REFERENCE_SELECTOR, document)) return;
    const list: vscode.Diagnostic[] = [];
    for (const match of await matchesOf(document)) {
      for (const hint of match.hints) {
        const diagnostic = new vscode.Diagnostic(hintRange(document, match, hint), hintMessage(hint), vscode.DiagnosticSeverity.Hint);
        diagnostic.source = 'Literature Companion';
        diagnostic.code = hint.kind;
        list.push(diagnostic);
      }
    }
    diagnostics.set(document.uri, list);
  };

  let pending: ReturnType<typeof setTimeout> | undefined;
  const changed = new Set<vscode.TextDocument>();
  const updateSoon = (document: vscode.TextDocument) => {
    changed.add(document);
    clearTimeout(pending);
    pending = setTimeout(() => {
      const documents = [...changed];
      changed.clear();
      for (const each of documents) void updateHints(each);
    }, 200);
  };

  context.subscriptions.push(
    diagnostics,
    { dispose: () => clearTimeout(pending) },
    vscode.languages.registerDocumentLinkProvider(REFERENCE_SELECTOR, {
      async provideDocumentLinks(document) {
        return (await matchesOf(document)).flatMap((match) => (match.paper ? [paperLink(document, match)] : []));
      },
    }),
    vscode.languages.registerHoverProvider(REFERENCE_SELECTOR, {
      async provideHover(document, position) {
        const match = (await matchesOf(document)).find((each) => each.reference.line === position.line);
        return match?.paper ? referenceHover(document, match) : undefined;
      },
    }),
    vscode.workspace.onDidOpenTextDocument((document) => updateSoon(document)),
    vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && updateSoon(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    corpus.onDidChange(() => vscode.workspace.textDocuments.forEach(updateSoon)),
  );
  vscode.workspace.textDocuments.forEach(updateSoon);
}

function titleRange(document: vscode.TextDocument, match: ReferenceMatch): vscode.Range {
  return new vscode.Range(document.positionAt(match.reference.titleStart), document.positionAt(match.reference.titleEnd));
}

/** A title hint underlines the title; an address hint, the address it is about. */
function hintRange(document: vscode.TextDocument, match: ReferenceMatch, hint: ReferenceHint): vscode.Range {
  if (hint.kind === 'title-differs') return titleRange(document, match);
  const address = match.reference.addresses.find((each) => each.url === hint.url);
  return address ? new vscode.Range(document.positionAt(address.start), document.positionAt(address.end)) : titleRange(document, match);
}

function openPaperUri(paperId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_PAPER}?${encodeURIComponent(JSON.stringify([paperId]))}`);
}

function paperLink(document: vscode.TextDocument, match: ReferenceMatch): vscode.DocumentLink {
  const paper = match.paper!;
  const link = new vscode.DocumentLink(titleRange(document, match), openPaperUri(paper.id));
  link.tooltip = vscode.l10n.t('Open the summary of {0} ({1}{2})', paper.title, paper.id, paper.version);
  return link;
}

function referenceHover(document: vscode.TextDocument, match: ReferenceMatch): vscode.Hover {
  const paper = match.paper!;
  const markdown = new vscode.MarkdownString();
  markdown.isTrusted = { enabledCommands: [OPEN_PAPER] };
  paperMarkdown(paper, markdown);
  for (const hint of match.hints) markdown.appendMarkdown(`\n\n*${escapeMarkdown(vscode.l10n.t('Hint'))}:* ${escapeMarkdown(hintMessage(hint))}`);
  markdown.appendMarkdown(`\n\n[${escapeMarkdown(vscode.l10n.t('Open summary'))}](${openPaperUri(paper.id).toString(true)})`);
  return new vscode.Hover(markdown, document.lineAt(match.reference.line).range);
}

/** The editor's wording of a hint, localized. */
export function hintMessage(hint: ReferenceHint): string {
  switch (hint.kind) {
    case 'title-differs':
      return hint.onlyHere.length > 0 || hint.onlyInPaper.length > 0
        ? vscode.l10n.t('The title differs from the paper\'s "{0}" ("{1}" here, "{2}" in the paper).', hint.paperTitle, hint.onlyHere.join(' '), hint.onlyInPaper.join(' '))
        : vscode.l10n.t('The title differs from the paper\'s "{0}".', hint.paperTitle);
    case 'unversioned':
      return vscode.l10n.t('This address names no arXiv version, so it opens the latest; the corpus pins {0} ({1}), whose pages the quotes cite.', hint.pinned, hint.pinnedUrl);
    case 'other-version':
      return vscode.l10n.t('This address cites {0}; the corpus pins {1} ({2}), whose pages the quotes cite.', hint.cited, hint.pinned, hint.pinnedUrl);
    case 'other-place':
      return vscode.l10n.t('This address is not the pinned version; the corpus pins {0} ({1}), whose pages the quotes cite.', hint.pinned, hint.pinnedUrl);
  }
}
