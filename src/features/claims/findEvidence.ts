import * as vscode from 'vscode';
import { sentenceAt } from '../../core/claims/sentenceAt';
import type { SearchHit } from '../../core/search';
import type { ClaimsService } from './service';
import type { EvidenceSuggester } from './suggester';

/** What the light bulb hands to "Link Claim to Evidence…": the sentence, and its suggestions when ready. */
export interface FindEvidenceTarget {
  readonly uri: string;
  /** Document offsets of the sentence, [start, end). */
  readonly start: number;
  readonly end: number;
  /** Computed with the light bulb when the index was ready, so the picker opens on them at once. */
  readonly suggestions?: readonly SearchHit[];
}

/**
 * A light bulb on a sentence of a Markdown/LaTeX document that is not a claim yet: "Find evidence…"
 * opens the same picker as "Link Claim to Evidence…" on that sentence. Suggestions are computed here only
 * when the index is already built: moving the cursor must never start an indexing run.
 */
export function findEvidenceActions(service: ClaimsService, suggestions: () => Promise<EvidenceSuggester>): vscode.CodeActionProvider {
  return {
    async provideCodeActions(document, range) {
      const sentence = sentenceRange(document, range);
      if (!sentence) return [];
      const { claims } = await service.claimsOf(document);
      if (claims.some((claim) => claim.start < sentence.end && claim.end > sentence.start)) return [];
      const text = document.getText(new vscode.Range(document.positionAt(sentence.start), document.positionAt(sentence.end)));
      const search = await suggestions();
      const target: FindEvidenceTarget = { uri: document.uri.toString(), ...sentence, suggestions: search.isReady() ? await search.suggest(text, 8) : undefined };
      const action = new vscode.CodeAction(vscode.l10n.t('Find evidence…'), vscode.CodeActionKind.QuickFix);
      action.command = { command: 'literatureCompanion.linkClaim', title: vscode.l10n.t('Find evidence…'), arguments: [{ target }] };
      return [action];
    },
  };
}

/** The selection when it is one line of text, else the sentence under the cursor. */
function sentenceRange(document: vscode.TextDocument, range: vscode.Range): { start: number; end: number } | undefined {
  if (!range.isEmpty) return range.isSingleLine ? { start: document.offsetAt(range.start), end: document.offsetAt(range.end) } : undefined;
  const line = document.lineAt(range.start.line);
  const sentence = sentenceAt(line.text, range.start.character);
  return sentence && { start: document.offsetAt(line.range.start) + sentence.start, end: document.offsetAt(line.range.start) + sentence.end };
}
