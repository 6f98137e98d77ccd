import * as vscode from 'vscode';
import type { EvidenceNode, TreeNode } from '../../core/tree/corpusTree';
import type { PanelTarget } from '../../core/panels/panelModels';
import type { CorpusService } from '../../services/corpusService';
import { PanelManager } from '../../services/companionPanels';
import { displayLine } from '../../core/render/untrustedText';

/** The command arguments a tree item or a person (palette) may pass, turned into a target. */
export async function pickTarget(kind: 'paper' | 'challenge', argument: unknown, corpus: CorpusService): Promise<PanelTarget | undefined> {
  if (typeof argument === 'string') return { kind, id: argument };
  const node = argument as TreeNode | undefined;
  if (node?.kind === 'paper' && kind === 'paper') return { kind, id: node.paper.id };
  if (node?.kind === 'challenge' && kind === 'challenge') return { kind, id: node.challenge.id };
  if (node?.kind === 'paper' && kind === 'challenge' && node.challenge) return { kind, id: node.challenge.id };
  if (node?.kind === 'challenge' && kind === 'paper' && node.paper) return { kind, id: node.paper.id };
  const loaded = await corpus.get();
  const items =
    kind === 'paper'
      ? [...loaded.papers.values()].map((paper) => ({ label: displayLine(paper.title, 200), description: `${paper.year} · arXiv ${displayLine(paper.id, 40)}`, id: paper.id }))
      : [...loaded.challenges.values()].map((challenge) => ({ label: displayLine(`§${challenge.id} ${challenge.title}`, 200), description: '', id: challenge.id }));
  const picked = await vscode.window.showQuickPick(items, { title: kind === 'paper' ? vscode.l10n.t('Open paper summary') : vscode.l10n.t('Open challenge'), matchOnDescription: true });
  return picked && { kind, id: picked.id };
}

/** Evidence opens the challenge panel focused on that quote (the PDF excerpt panel builds on this). */
export function evidenceTarget(node: EvidenceNode): PanelTarget {
  return { kind: 'challenge', id: node.link.challenge, focus: { paper: node.link.paper, quote: node.index } };
}

export function activatePanels(context: vscode.ExtensionContext, corpus: CorpusService): PanelManager {
  const manager = new PanelManager(context.extensionUri, corpus).register(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.openPaper', async (argument?: unknown) => {
      const target = await pickTarget('paper', argument, corpus);
      return target && manager.open(target);
    }),
    vscode.commands.registerCommand('literatureCompanion.openChallenge', async (argument?: unknown) => {
      const target = await pickTarget('challenge', argument, corpus);
      return target && manager.open(target);
    }),
    vscode.commands.registerCommand('literatureCompanion.openEvidence', (node?: EvidenceNode) => node?.kind === 'evidence' && manager.open(evidenceTarget(node))),
  );
  return manager;
}
