import type { TreeNode } from '../../src/core/tree/corpusTree';
import * as vscode from 'vscode';
import * as assert from './assert';
import { activateWebExtension } from './support';
import type { WebCompanionApi } from '../../src/web/extension';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('the bundled corpus on the web', () => {
  let api: WebCompanionApi;

  before(async () => {
    api = await activateWebExtension();
  });

  it('reads the bundled corpus through vscode.workspace.fs: the taxonomy with counts', async () => {
    const corpus = await api.corpus.get();
    assert.deepEqual(corpus.problems, [], 'the bundled corpus loads without problems');
    const roots = await api.trees.challenges.getChildren();
    const items = roots.map((node) => api.trees.challenges.getTreeItem(node));
    assert.deepEqual(items.map(labelOf).map((label) => label.split(' ')[0]), ['§3.1', '§3.2', '§3.3', '§3.4']);
    assert.match(String(items[0]!.description), /4 sub-challenges · \d+ paper/);
  });

  it('lists the six papers with page-anchored evidence', async () => {
    const papers = (await api.trees.papers.getChildren()).filter((node): node is Extract<TreeNode, { kind: 'paper' }> => node.kind === 'paper');
    assert.deepEqual(papers.map((node) => node.paper.id).sort(), ['2009.01325', '2212.08073', '2305.10403', '2307.09288', '2307.15217', '2309.00267']);
    const casper = papers.find((node) => node.paper.id === '2307.15217')!;
    const challenges = await api.trees.papers.getChildren(casper);
    assert.equal(challenges.length, 11, 'Casper et al. inform all 11 leaf challenges');
    const evidence = await api.trees.papers.getChildren(challenges[0]!);
    assert.match(String(api.trees.papers.getTreeItem(evidence[0]!).description), /^p\. \d+/);
  });

  it('filters the views and clears the filter', async () => {
    await vscode.commands.executeCommand('literatureCompanion.filter', 'hacking');
    const roots = await api.trees.challenges.getChildren();
    assert.deepEqual(roots.map((node) => (node.kind === 'challenge' ? node.challenge.id : node.kind)), ['3.2']);
    await vscode.commands.executeCommand('literatureCompanion.clearFilter');
    assert.equal((await api.trees.challenges.getChildren()).length, 4);
  });

  it('opens a paper summary panel and the evidence map', async () => {
    await vscode.commands.executeCommand('literatureCompanion.openPaper', '2307.15217');
    assert.ok(api.panels.openPanels.some((panel) => panel.target.kind === 'paper' && panel.target.id === '2307.15217'), 'the paper\'s summary panel is open');
    await vscode.commands.executeCommand('literatureCompanion.openEvidenceMap');
    const map = api.evidenceMap.current();
    assert.ok(map, 'the evidence map is open');
  });
});
