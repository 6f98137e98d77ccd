import * as vscode from 'vscode';
import { formatProblem } from '../../core/corpus/model';
import { displayLine, neutraliseBidi, shortAuthors } from '../../core/render/untrustedText';
import type { TreeNode } from '../../core/tree/corpusTree';

const QUOTE_LABEL_LENGTH = 70;
/** A row shows this much of a title; the tooltip has all of it. */
const TITLE_LABEL_LENGTH = 120;

// Tooltips are plain strings: corpus text in them is never parsed as Markdown or HTML (a MarkdownString
// would need backslash escapes, which showed through, and hands the text to the workbench's HTML renderer).

/** How each node looks: label, codicon, counts, tooltip, context value (for menus) and click command. */
export function treeItemFor(node: TreeNode, expandAll: boolean): vscode.TreeItem {
  const expanded = expandAll ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  switch (node.kind) {
    case 'challenge': {
      const { challenge, paper } = node;
      const item = new vscode.TreeItem(`§${displayLine(challenge.id, 20)} ${displayLine(challenge.title, TITLE_LABEL_LENGTH)}`, expanded);
      item.id = node.key;
      item.contextValue = node.subChallengeCount > 0 ? 'challengeGroup' : 'challenge';
      item.iconPath = new vscode.ThemeIcon(node.subChallengeCount > 0 ? 'list-tree' : 'issues');
      item.description = paper
        ? vscode.l10n.t('{0} quote(s)', node.quoteCount)
        : node.subChallengeCount > 0
          ? vscode.l10n.t('{0} sub-challenges · {1} paper(s)', node.subChallengeCount, node.paperCount)
          : vscode.l10n.t('{0} paper(s)', node.paperCount);
      item.tooltip = plainText([`§${challenge.id} ${challenge.title}`, challenge.problems.map((problem) => `• ${problem.kind}: ${problem.title}`).join('\n')]);
      if (node.paperCount === 0 && node.subChallengeCount === 0 && !paper) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
      item.command = { command: 'literatureCompanion.openChallenge', title: 'Open', arguments: [challenge.id] };
      return item;
    }
    case 'paper': {
      const { paper } = node;
      const item = new vscode.TreeItem(displayLine(paper.title, TITLE_LABEL_LENGTH), expanded);
      item.id = node.key;
      item.contextValue = 'paper';
      item.iconPath = new vscode.ThemeIcon('book');
      item.description = node.challenge
        ? `${shortAuthors(paper.authors)} ${paper.year} · ${vscode.l10n.t('{0} quote(s)', node.quoteCount)}`
        : `${shortAuthors(paper.authors)} ${paper.year} · ${vscode.l10n.t('{0} challenge(s)', node.challengeCount)}`;
      item.tooltip = plainText([paper.title, paper.authors.join(', '), `${paper.year} · ${paper.venue} · arXiv ${paper.id}${paper.version}`]);
      if (node.quoteCount === 0) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
      item.command = { command: 'literatureCompanion.openPaper', title: 'Open', arguments: [paper.id] };
      return item;
    }
    case 'evidence': {
      const evidence = node.link.evidence[node.index]!;
      const item = new vscode.TreeItem(`“${displayLine(evidence.quote, QUOTE_LABEL_LENGTH)}”`, vscode.TreeItemCollapsibleState.None);
      item.id = node.key;
      item.contextValue = 'evidence';
      item.iconPath = new vscode.ThemeIcon(evidence.source === 'transcription' ? 'unverified' : 'quote');
      item.description = evidence.source === 'transcription' ? vscode.l10n.t('p. {0} · unverified', evidence.page) : vscode.l10n.t('p. {0}', evidence.page);
      item.tooltip = plainText([
        `“${evidence.quote}”`,
        vscode.l10n.t('arXiv {0}, page {1}', node.link.paper, evidence.page),
        evidence.source === 'transcription' ? vscode.l10n.t('Copied from a transcription; unverified until checked against the PDF.') : '',
        node.link.rationale,
      ]);
      item.command = { command: 'literatureCompanion.openExcerpt', title: 'Open', arguments: [node] };
      return item;
    }
    case 'no-match': {
      const item = new vscode.TreeItem(vscode.l10n.t('Nothing matches "{0}"', displayLine(node.filter, 60)), vscode.TreeItemCollapsibleState.None);
      item.id = node.key;
      item.contextValue = 'noMatch';
      item.iconPath = new vscode.ThemeIcon('search-stop');
      item.description = vscode.l10n.t('Clear the filter');
      item.tooltip = vscode.l10n.t('Click to clear the filter and show everything again.');
      item.command = { command: 'literatureCompanion.clearFilter', title: vscode.l10n.t('Clear Filter') };
      return item;
    }
    case 'problem': {
      const { problem } = node;
      const item = new vscode.TreeItem(vscode.l10n.t('Broken: {0}', displayLine(problem.id ?? problem.file.split(/[\\/]/).pop() ?? problem.file, TITLE_LABEL_LENGTH)), vscode.TreeItemCollapsibleState.None);
      item.id = node.key;
      item.contextValue = 'problem';
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.description = problem.line ? `${problem.file.split(/[\\/]/).pop()}:${problem.line}` : problem.file.split(/[\\/]/).pop();
      item.tooltip = neutraliseBidi(formatProblem(problem));
      item.command = { command: 'literatureCompanion.openSourceFile', title: 'Open', arguments: [node] };
      return item;
    }
  }
}

/** Paragraphs of a tooltip as plain text, direction controls neutralised. */
function plainText(paragraphs: readonly string[]): string {
  return paragraphs.filter(Boolean).map(neutraliseBidi).join('\n\n');
}
