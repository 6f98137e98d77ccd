import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus/model';
// Untrusted text (claims, quotes, notes) must not turn into Markdown links or formatting in a hover.
import { escapeMarkdown, surnameOf } from '../../core/render/untrustedText';
import { CLAIM_TEXT, claimSummary, needsAttention, sourcesSummary, verdictLabel, type DocumentClaim } from '../../core/claims/documentClaims';
import { VERDICTS, type Verdict } from '../../core/claims/model';
import { VERDICT_STYLE } from '../../core/claims/verdictStyle';
import type { CorpusService } from '../../services/corpusService';
import { localized } from '../../services/localizedTexts';
import { CLAIM_SELECTOR } from './documents';
import { findEvidenceActions } from './findEvidence';
import type { ClaimsService } from './service';
import type { EvidenceSuggester } from './suggester';

// The claims editor layer. This module is its own bundle (dist/lazy-claimsEditor.js), loaded when the first
// Markdown/LaTeX document opens or a provider index.ts registered is first asked: activation never pays for it.

const SEVERITIES: Record<string, vscode.DiagnosticSeverity | undefined> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
  error: vscode.DiagnosticSeverity.Error,
};

function rangeOf(document: vscode.TextDocument, claim: Pick<DocumentClaim, 'start' | 'end'>): vscode.Range {
  return new vscode.Range(document.positionAt(claim.start), document.positionAt(claim.end));
}


function commandLink(title: string, command: string, argument: unknown): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([argument]))})`;
}

export function claimHover(claim: DocumentClaim, corpus: Corpus): vscode.MarkdownString {
  // No theme icons: "$(name)" in a note or quote would otherwise render as an icon, not as its text.
  const hover = new vscode.MarkdownString();
  // Only our own navigation commands may run from a hover link.
  hover.isTrusted = { enabledCommands: ['literatureCompanion.openExcerpt', 'literatureCompanion.openPaper', 'literatureCompanion.openClaim'] };
  hover.appendMarkdown(`**${escapeMarkdown(verdictLabel(claim.verdict, localized(CLAIM_TEXT)))}** · ${escapeMarkdown(sourcesSummary(claim, localized(CLAIM_TEXT)))}\n\n`);
  if (claim.gloss) hover.appendMarkdown(`*${escapeMarkdown(claim.gloss)}*\n\n`);
  if (claim.rationale) hover.appendMarkdown(`${escapeMarkdown(claim.rationale)}\n\n`);
  if (claim.note) hover.appendMarkdown(`${vscode.l10n.t('Note')}: ${escapeMarkdown(claim.note)}\n\n`);
  for (const evidence of claim.evidence) {
    const paper = corpus.papers.get(evidence.paper);
    const who = paper ? `${surnameOf(paper.authors[0] ?? '')} ${paper.year}` : `arXiv ${evidence.paper}`;
    const unverified = evidence.verified ? '' : ` · ${vscode.l10n.t('unverified (transcription)')}`;
    hover.appendMarkdown(`> ${escapeMarkdown(evidence.quote)}\n\n`);
    hover.appendMarkdown(
      `— ${escapeMarkdown(who)}, ${vscode.l10n.t('p. {0}', evidence.page)} (${escapeMarkdown(evidence.paper)}${escapeMarkdown(evidence.version)})${unverified} · ` +
        `${commandLink(vscode.l10n.t('Open excerpt'), 'literatureCompanion.openExcerpt', { paper: evidence.paper, page: evidence.page, quote: evidence.quote })} · ` +
        `${commandLink(vscode.l10n.t('Open paper'), 'literatureCompanion.openPaper', evidence.paper)}\n\n`,
    );
  }
  return hover;
}

/** What the editor layer gives index.ts: its providers (registered there, at activation) and a redraw. */
export interface ClaimEditor {
  refresh(): Promise<void>;
  readonly hovers: vscode.HoverProvider;
  readonly codeLenses: vscode.CodeLensProvider;
  readonly codeActions: vscode.CodeActionProvider;
}

/**
 * Gutter icons and underlines by verdict, a hover with the quotes, a CodeLens, Problems, and the
 * "Find evidence…" light bulb. `codeLensChanged` is the event of the CodeLens provider index.ts registered.
 */
export function startClaimEditor(context: vscode.ExtensionContext, claims: ClaimsService, corpus: CorpusService, suggestions: () => Promise<EvidenceSuggester>, codeLensChanged: vscode.EventEmitter<void>): ClaimEditor {
  const decorationTypes = new Map<Verdict, vscode.TextEditorDecorationType>();
  for (const verdict of VERDICTS) {
    decorationTypes.set(
      verdict,
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.joinPath(context.extensionUri, 'media', 'verdicts', `${verdict}.svg`),
        gutterIconSize: 'contain',
        borderWidth: '0 0 2px 0',
        borderStyle: 'dotted',
        borderColor: VERDICT_STYLE[verdict].editorColour,
        overviewRulerColor: VERDICT_STYLE[verdict].editorColour,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      }),
    );
  }
  const diagnostics = vscode.languages.createDiagnosticCollection('literatureCompanion.claims');

  const isChecked = (document: vscode.TextDocument): boolean => {
    const patterns = vscode.workspace.getConfiguration('literatureCompanion', document.uri).get<string[]>('claims.checkDocuments', []);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return patterns.some((pattern) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, pattern) : pattern }, document) > 0);
  };

  const updateDiagnostics = async (document: vscode.TextDocument) => {
    const severity = SEVERITIES[vscode.workspace.getConfiguration('literatureCompanion', document.uri).get<string>('claims.diagnostics', 'warning')];
    if (severity === undefined || !isChecked(document)) {
      diagnostics.delete(document.uri);
      return;
    }
    const { claims: located } = await claims.claimsOf(document);
    const list: vscode.Diagnostic[] = [];
    for (const claim of located) {
      const problem = needsAttention(claim);
      if (!problem) continue;
      const message = problem === 'contradicted'
        ? vscode.l10n.t('The evidence contradicts this claim: {0}', claim.rationale ?? claim.note ?? claimSummary(claim, localized(CLAIM_TEXT)))
        : vscode.l10n.t('This claim has no supporting evidence: {0}', claim.rationale ?? claim.note ?? claimSummary(claim, localized(CLAIM_TEXT)));
      const diagnostic = new vscode.Diagnostic(rangeOf(document, claim), message, severity);
      diagnostic.source = 'Literature Companion';
      diagnostic.code = problem;
      list.push(diagnostic);
    }
    diagnostics.set(document.uri, list);
  };

  const decorate = async (editor: vscode.TextEditor) => {
    if (!vscode.languages.match(CLAIM_SELECTOR, editor.document)) return;
    const { claims: located } = await claims.claimsOf(editor.document);
    for (const [verdict, type] of decorationTypes) {
      editor.setDecorations(type, located.filter((claim) => claim.verdict === verdict).map((claim) => rangeOf(editor.document, claim)));
    }
  };

  const refresh = async () => {
    await Promise.all(vscode.window.visibleTextEditors.map(decorate));
    await Promise.all(vscode.workspace.textDocuments.filter((document) => vscode.languages.match(CLAIM_SELECTOR, document)).map(updateDiagnostics));
    codeLensChanged.fire();
  };

  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void refresh(), 150);
  };

  context.subscriptions.push(
    ...decorationTypes.values(),
    diagnostics,
    { dispose: () => clearTimeout(pending) },
    claims.onDidChange(refreshSoon),
    vscode.window.onDidChangeVisibleTextEditors(refreshSoon),
    vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && vscode.languages.match(CLAIM_SELECTOR, event.document) && refreshSoon()),
    vscode.workspace.onDidOpenTextDocument((document) => vscode.languages.match(CLAIM_SELECTOR, document) && refreshSoon()),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('literatureCompanion.claims') && refreshSoon()),
  );
  void refresh();
  return {
    refresh,
    hovers: {
      async provideHover(document, position) {
        const { claims: located } = await claims.claimsOf(document);
        const offset = document.offsetAt(position);
        const claim = located.find((candidate) => candidate.start <= offset && offset <= candidate.end);
        return claim && new vscode.Hover(claimHover(claim, await corpus.get()), rangeOf(document, claim));
      },
    },
    codeLenses: {
      async provideCodeLenses(document) {
        const { claims: located } = await claims.claimsOf(document);
        return located.map((claim) => new vscode.CodeLens(rangeOf(document, claim), {
          title: claimSummary(claim, localized(CLAIM_TEXT)),
          tooltip: vscode.l10n.t('Open the claim with all its evidence'),
          command: 'literatureCompanion.openClaim',
          arguments: [{ document: document.uri.toString(), key: claim.key }],
        }));
      },
    },
    codeActions: findEvidenceActions(claims, suggestions),
  };
}
