import * as vscode from 'vscode';
import { formatProblem } from '../../core/corpus/model';
import { shortAuthors } from '../../core/panels/panelModels';
import type { TreeNode } from '../../core/tree/corpusTree';

const QUOTE_LABEL_LENGTH = 70;

/** How each node looks: label, codicon, counts, tooltip, context value (for menus) and click command. */
export function treeItemFor(node: TreeNode, expandAll: boolean): vscode.TreeItem {
  const expanded = expandAll ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  switch (node.kind) {
    case 'challenge': {
      const { challenge, paper } = node;
      const item = new vscode.TreeItem(`§${challenge.id} ${challenge.title}`, expanded);
      item.id = node.key;
      item.contextValue = node.subChallengeCount > 0 ? 'challengeGroup' : 'challenge';
      item.iconPath = new vscode.ThemeIcon(node.subChallengeCount > 0 ? 'list-tree' : 'issues');
      item.description = paper
        ? vscode.l10n.t('{0} quote(s)', node.quoteCount)
        : node.subChallengeCount > 0
          ? vscode.l10n.t('{0} sub-challenges · {1} paper(s)', node.subChallengeCount, node.paperCount)
          : vscode.l10n.t('{0} paper(s)', node.paperCount);
      const tooltip = new vscode.MarkdownString(); // no theme icons: "$(name)" in a title must stay text
      tooltip.appendMarkdown(`**§${challenge.id} ${escape(challenge.title)}**\n\n`);
      for (const problem of challenge.problems) tooltip.appendMarkdown(`- *${problem.kind}*: ${escape(problem.title)}\n`);
      item.tooltip = tooltip;
      if (node.paperCount === 0 && node.subChallengeCount === 0 && !paper) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
      item.command = { command: 'literatureCompanion.openChallenge', title: 'Open', arguments: [challenge.id] };
      return item;
    }
    case 'paper': {
      const { paper } = node;
      const item = new vscode.TreeItem(paper.title, expanded);
      item.id = node.key;
      item.contextValue = 'paper';
      item.iconPath = new vscode.ThemeIcon('book');
      item.description = node.challenge
        ? `${shortAuthors(paper.authors)} ${paper.year} · ${vscode.l10n.t('{0} quote(s)', node.quoteCount)}`
        : `${shortAuthors(paper.authors)} ${paper.year} · ${vscode.l10n.t('{0} challenge(s)', node.challengeCount)}`;
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**${escape(paper.title)}**\n\n${escape(paper.authors.join(', '))}\n\n${paper.year} · ${escape(paper.venue)} · arXiv ${paper.id}${paper.version}`);
      item.tooltip = tooltip;
      if (node.quoteCount === 0) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
      item.command = { command: 'literatureCompanion.openPaper', title: 'Open', arguments: [paper.id] };
      return item;
    }
    case 'evidence': {
      const evidence = node.link.evidence[node.index]!;
      const label = evidence.quote.length > QUOTE_LABEL_LENGTH ? `${evidence.quote.slice(0, QUOTE_LABEL_LENGTH)}…` : evidence.quote;
      const item = new vscode.TreeItem(`“${label}”`, vscode.TreeItemCollapsibleState.None);
      item.id = node.key;
      item.contextValue = 'evidence';
      item.iconPath = new vscode.ThemeIcon(evidence.source === 'transcription' ? 'unverified' : 'quote');
      item.description = evidence.source === 'transcription' ? vscode.l10n.t('p. {0} · unverified', evidence.page) : vscode.l10n.t('p. {0}', evidence.page);
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`> ${escape(evidence.quote)}\n\n`);
      tooltip.appendMarkdown(vscode.l10n.t('arXiv {0}, page {1}', node.link.paper, evidence.page));
      if (evidence.source === 'transcription') tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Copied from a transcription; unverified until checked against the PDF.')}`);
      tooltip.appendMarkdown(`\n\n*${escape(node.link.rationale)}*`);
      item.tooltip = tooltip;
      item.command = { command: 'literatureCompanion.openExcerpt', title: 'Open', arguments: [node] };
      return item;
    }
    case 'problem': {
      const { problem } = node;
      const item = new vscode.TreeItem(vscode.l10n.t('Broken: {0}', problem.id ?? problem.file.split(/[\\/]/).pop() ?? problem.file), vscode.TreeItemCollapsibleState.None);
      item.id = node.key;
      item.contextValue = 'problem';
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.description = problem.line ? `${problem.file.split(/[\\/]/).pop()}:${problem.line}` : problem.file.split(/[\\/]/).pop();
      item.tooltip = formatProblem(problem);
      item.command = { command: 'literatureCompanion.openSourceFile', title: 'Open', arguments: [node] };
      return item;
    }
  }
}

/** Corpus text is untrusted: keep Markdown syntax in it from turning into links or formatting. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
