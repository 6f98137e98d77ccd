import * as vscode from 'vscode';
import { CLAIM_TEXT, claimSummary, verdictLabel, type DocumentClaim, type OrphanClaim } from '../../core/claims/documentClaims';
import { localized } from '../../services/localizedTexts';
import { VERDICTS, type Verdict } from '../../core/claims';
import { CLAIM_SELECTOR } from './documents';
import { displayLine, neutraliseBidi } from '../../core/render/untrustedText';
import type { ClaimsService } from './service';
import { verdictLooks } from '../../core/claims/verdictStyle';

/** A row shows this much of a claim; the tooltip has all of it. */
const LABEL_LENGTH = 120;

export type ClaimsNode =
  | { readonly kind: 'group'; readonly verdict: Verdict | 'orphans'; readonly count: number }
  | { readonly kind: 'claim'; readonly claim: DocumentClaim; readonly document: vscode.TextDocument }
  | { readonly kind: 'orphan'; readonly orphan: OrphanClaim; readonly document: vscode.TextDocument };

const GROUP_ICONS: Record<Verdict | 'orphans', string> = { ...verdictLooks('codicon'), orphans: 'debug-disconnect' };

/** The claims of the active document, grouped by verdict; orphaned annotations in a group of their own. */
export class ClaimsTreeProvider implements vscode.TreeDataProvider<ClaimsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly claims: ClaimsService) {}

  refresh(): void {
    this.changed.fire();
  }

  /** The last text document the person worked in: a claim or excerpt panel in front keeps its claims listed. */
  private lastDocument?: vscode.TextDocument;

  activeDocument(): vscode.TextDocument | undefined {
    const document = vscode.window.activeTextEditor?.document;
    if (document && vscode.languages.match(CLAIM_SELECTOR, document)) this.lastDocument = document;
    if (this.lastDocument?.isClosed) this.lastDocument = undefined;
    return this.lastDocument;
  }

  async getChildren(node?: ClaimsNode): Promise<ClaimsNode[]> {
    const document = this.activeDocument();
    if (!document) return [];
    const { claims, orphans } = await this.claims.claimsOf(document);
    if (!node) {
      const groups: ClaimsNode[] = VERDICTS.map((verdict) => ({ kind: 'group' as const, verdict, count: claims.filter((claim) => claim.verdict === verdict).length })).filter((group) => group.count > 0);
      if (orphans.length > 0) groups.push({ kind: 'group', verdict: 'orphans', count: orphans.length });
      return groups;
    }
    if (node.kind !== 'group') return [];
    if (node.verdict === 'orphans') return orphans.map((orphan) => ({ kind: 'orphan' as const, orphan, document }));
    return claims.filter((claim) => claim.verdict === node.verdict).map((claim) => ({ kind: 'claim' as const, claim, document }));
  }

  getTreeItem(node: ClaimsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const label = node.verdict === 'orphans' ? vscode.l10n.t('Orphaned (no longer in the document)') : verdictLabel(node.verdict, localized(CLAIM_TEXT));
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.verdict}`;
      item.description = String(node.count);
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.verdict]);
      item.contextValue = 'claimGroup';
      return item;
    }
    if (node.kind === 'orphan') {
      const item = new vscode.TreeItem(displayLine(node.orphan.text, LABEL_LENGTH), vscode.TreeItemCollapsibleState.None);
      item.id = node.orphan.key;
      item.description = node.orphan.origin === 'bundled' ? vscode.l10n.t('bundled claim, edited away') : verdictLabel(node.orphan.verdict, localized(CLAIM_TEXT));
      item.tooltip = vscode.l10n.t('This annotation no longer matches the text. Select the sentence it belongs to and use "Re-attach to Selection", or delete it.');
      item.iconPath = new vscode.ThemeIcon('debug-disconnect');
      item.contextValue = node.orphan.origin === 'annotation' ? 'claim.orphan' : 'claim.orphanBundled';
      return item;
    }
    const { claim } = node;
    const item = new vscode.TreeItem(displayLine(claim.text, LABEL_LENGTH), vscode.TreeItemCollapsibleState.None);
    item.id = claim.key;
    const summary = claimSummary(claim, localized(CLAIM_TEXT));
    item.description = claim.conflicted ? vscode.l10n.t('conflicted · {0}', summary) : summary;
    // Plain text, like the corpus trees: a claim or note is never parsed as Markdown or HTML.
    const conflictNote = claim.conflicted ? vscode.l10n.t('Edited on two branches; both versions were kept when they were merged. Keep one: remove the other.') : undefined;
    item.tooltip = [conflictNote, claim.text, claim.gloss, claim.rationale ?? claim.note].filter(Boolean).map((text) => neutraliseBidi(text!)).join('\n\n');
    item.iconPath = new vscode.ThemeIcon(claim.conflicted ? 'git-merge' : GROUP_ICONS[claim.verdict]);
    item.contextValue = claim.origin === 'annotation' ? 'claim.annotation' : 'claim.bundled';
    item.command = { command: 'literatureCompanion.revealClaim', title: 'Reveal', arguments: [{ document: node.document.uri.toString(), key: claim.key }] };
    return item;
  }
}
