import * as path from 'node:path';
import * as vscode from 'vscode';
import { pathOf } from '../../services/workspacePaths';
import { VERDICTS, type Verdict } from '../../core/claims/model';
import { VERDICT_STYLE } from '../../core/claims/verdictStyle';
import { CLAIM_TEXT, sourcesSummary, verdictLabel, type DocumentClaim } from '../../core/claims/documentClaims';
import type { PinnedQuote } from '../../core/common/pinnedQuote';
import { describeMatches } from '../../core/search/explain';
import type { SearchHit } from '../../core/search';
import type { CorpusService } from '../../services/corpusService';
import { localized } from '../../services/localizedTexts';
import type { EvidenceSuggester } from './suggester';

/** The three pickers of the claim commands: which claim, which passages, which verdict. */

export async function pickClaim(claims: readonly DocumentClaim[], document: vscode.TextDocument): Promise<DocumentClaim | undefined> {
  const items = claims.map((claim) => ({
    label: claim.text.length > 90 ? `${claim.text.slice(0, 89)}…` : claim.text,
    description: `${claim.origin === 'annotation' ? vscode.l10n.t('your claim') : vscode.l10n.t('talk claim')} · ${sourcesSummary(claim, localized(CLAIM_TEXT))} · ${verdictLabel(claim.verdict, localized(CLAIM_TEXT))}`,
    detail: claim.origin === 'bundled' ? vscode.l10n.t('The quote is stored as your own annotation on this sentence') : undefined,
    claim,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Add the quote to which claim of {0}?', path.basename(pathOf(document.uri))), matchOnDescription: true });
  return picked?.claim;
}

/** Suggested passages first (`precomputed`: those the light bulb already found), then stored quotes, or none. */
export async function pickEvidence(selection: string, suggestions: () => Promise<EvidenceSuggester>, corpus: CorpusService, precomputed?: readonly SearchHit[]): Promise<PinnedQuote[] | undefined> {
  const loaded = await corpus.get();
  const who = (paperId: string) => {
    const paper = loaded.papers.get(paperId);
    return paper ? `${paper.authors[0]?.split(' ').pop()} ${paper.year}` : `arXiv ${paperId}`;
  };
  const versionOf = (paperId: string) => loaded.papers.get(paperId)?.version ?? '';
  type Item = vscode.QuickPickItem & { evidence?: PinnedQuote; action?: 'stored' | 'none' };
  const hits = precomputed ?? (await (await suggestions()).suggest(selection, 8));
  const items: Item[] = [
    { label: vscode.l10n.t('Suggested passages'), kind: vscode.QuickPickItemKind.Separator },
    ...hits.map((hit) => ({
      label: `$(book) ${who(hit.paper)} · ${vscode.l10n.t('p. {0}', hit.page)}`,
      description: `${hit.source === 'quote' ? vscode.l10n.t('stored quote') : vscode.l10n.t('from the PDF')} · ${vscode.l10n.t('matched: {0}', describeMatches(hit.matched ?? []))}`,
      detail: hit.text,
      evidence: { paper: hit.paper, version: versionOf(hit.paper), page: hit.page, quote: hit.text },
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(quote) ${vscode.l10n.t('Pick a stored quote…')}`, action: 'stored', alwaysShow: true },
    { label: `$(circle-slash) ${vscode.l10n.t('No evidence yet')}`, action: 'none', alwaysShow: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Link claim to evidence'), placeHolder: vscode.l10n.t('Choose passages that bear on the selected claim'), matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.action === 'none') return [];
  if (picked.evidence) return [picked.evidence];
  const stored = loaded.links.flatMap((link) => link.evidence.map((evidence) => ({
    label: `${who(link.paper)} · ${vscode.l10n.t('p. {0}', evidence.page)} · §${link.challenge}`,
    detail: evidence.quote,
    evidence: { paper: link.paper, version: versionOf(link.paper), page: evidence.page, quote: evidence.quote },
  })));
  const chosen = await vscode.window.showQuickPick(stored, { title: vscode.l10n.t('Pick stored quotes'), canPickMany: true, matchOnDetail: true });
  return chosen?.map((item) => item.evidence);
}

export async function pickVerdict(current?: Verdict): Promise<Verdict | undefined> {
  const picked = await vscode.window.showQuickPick(
    VERDICTS.map((verdict) => ({ label: `$(${VERDICT_STYLE[verdict].codicon}) ${verdictLabel(verdict, localized(CLAIM_TEXT))}`, verdict, picked: verdict === current })),
    { title: vscode.l10n.t('What does the evidence say about the claim?') },
  );
  return picked?.verdict;
}
