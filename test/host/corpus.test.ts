import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Corpus } from '../../src/core/corpus/model';
import type { TreeNode } from '../../src/core/tree/corpusTree';
import { CorpusTreeProvider } from '../../src/features/tree';
import type { CorpusService } from '../../src/services/corpusService';
import type { LiteratureCompanionApi } from '../../src/extension';
import { activateExtension, waitFor } from './support';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('Literature Companion in a real extension host', () => {
  let api: LiteratureCompanionApi;

  before(async () => {
    api = await activateExtension();
  });

  it('activates without loading pdf.js or reading the corpus', () => {
    // Activation only wires features; the corpus loads when a view or panel first asks for it.
    const loaded = Object.keys(require.cache).filter((file) => /pdfjs|pdf\.mjs/.test(file));
    assert.deepEqual(loaded, []);
    // How long activation takes is measured by `npm run bench` (test/bench/activation.ts), not asserted here.
  });

  it('shows the taxonomy with counts in the challenges view', async () => {
    const roots = await api.trees.challenges.getChildren();
    const items = roots.map((node) => api.trees.challenges.getTreeItem(node));
    assert.deepEqual(items.map(labelOf).map((label) => label.split(' ')[0]), ['§3.1', '§3.2', '§3.3', '§3.4']);
    const humanFeedback = roots[0]!;
    const leaves = await api.trees.challenges.getChildren(humanFeedback);
    assert.deepEqual(leaves.filter((n) => n.kind === 'challenge').map((n) => (n.kind === 'challenge' ? n.challenge.id : '')), ['3.1.1', '3.1.2', '3.1.3', '3.1.4']);
    assert.match(String(items[0]!.description), /4 sub-challenges · \d+ paper/);
    const oversight = api.trees.challenges.getTreeItem(leaves[1]!);
    assert.equal(oversight.contextValue, 'challenge');
    assert.equal(oversight.command?.command, 'literatureCompanion.openChallenge');
  });

  it('lists the six papers, each with challenges and page-anchored evidence where quotes exist', async () => {
    const papers = (await api.trees.papers.getChildren()).filter((node): node is Extract<TreeNode, { kind: 'paper' }> => node.kind === 'paper');
    assert.deepEqual(papers.map((node) => node.paper.id).sort(), ['2009.01325', '2212.08073', '2305.10403', '2307.09288', '2307.15217', '2309.00267']);
    const casper = papers.find((node) => node.paper.id === '2307.15217')!;
    const challenges = await api.trees.papers.getChildren(casper);
    assert.equal(challenges.length, 11, 'Casper et al. inform all 11 leaf challenges');
    const evidence = await api.trees.papers.getChildren(challenges[0]!);
    const item = api.trees.papers.getTreeItem(evidence[0]!);
    assert.equal(item.contextValue, 'evidence');
    assert.match(String(item.description), /^p\. \d+/);
    const tooltip = api.trees.papers.getTreeItem(casper).tooltip;
    assert.equal(typeof tooltip, 'string', 'a plain-text tooltip: corpus text is never parsed as Markdown or HTML');
    assert.match(String(tooltip), /Open Problems and Fundamental Limitations/);
    assert.match(String(tooltip), /Casper/);
    assert.match(String(tooltip), /2023 · .* · arXiv 2307\.15217v\d/, 'no backslash escapes in the text');
  });

  it('filters both views and clears the filter', async () => {
    await vscode.commands.executeCommand('literatureCompanion.filter', 'hacking');
    const roots = await api.trees.challenges.getChildren();
    assert.deepEqual(roots.map((node) => (node.kind === 'challenge' ? node.challenge.id : node.kind)), ['3.2']);
    const under = await api.trees.challenges.getChildren(roots[0]!);
    assert.ok(under.some((node) => node.kind === 'challenge' && node.challenge.id === '3.2.2'));
    await vscode.commands.executeCommand('literatureCompanion.clearFilter');
    assert.equal((await api.trees.challenges.getChildren()).length, 4);
  });

  it('draws the first rows from the first load without asking VS Code to fetch them again', async () => {
    // CorpusService fires onDidChange as a load completes, before the view's pending request resolves.
    // A change announced then made VS Code fetch the roots again 200 ms later and draw only then.
    const corpus = await api.corpus.get();
    let finishLoad!: (loaded: Corpus) => void;
    const loading = new Promise<Corpus>((resolve) => (finishLoad = resolve));
    const provider = new CorpusTreeProvider({ get: () => loading } as unknown as CorpusService, 'challenges', () => '');
    let announced = 0;
    provider.onDidChangeTreeData(() => announced++);
    const firstRows = provider.getChildren();
    provider.refresh(corpus);
    finishLoad(corpus);
    assert.equal((await firstRows).length, 4, 'the pending request draws the loaded taxonomy');
    assert.equal(announced, 0, 'no second fetch of the roots for the first load');
    provider.refresh({ ...corpus, challenges: new Map([...corpus.challenges].filter(([id]) => id !== '3.4')) });
    assert.equal(announced, 1, 'a later reload is announced');
    assert.equal((await provider.getChildren()).length, 3, 'and the view then shows the reloaded corpus');
  });

  it('a filter that matches nothing says so in both views and offers to clear it', async () => {
    await vscode.commands.executeCommand('literatureCompanion.filter', 'xyzzy');
    try {
      for (const tree of [api.trees.papers, api.trees.challenges]) {
        const roots = await tree.getChildren();
        assert.equal(roots.length, 1);
        const item = tree.getTreeItem(roots[0]!);
        assert.equal(labelOf(item), 'Nothing matches "xyzzy"');
        assert.equal(item.command?.command, 'literatureCompanion.clearFilter');
        await vscode.commands.executeCommand(item.command!.command);
        assert.ok((await tree.getChildren()).length > 1, 'clicking the row cleared the filter');
        await vscode.commands.executeCommand('literatureCompanion.filter', 'xyzzy');
      }
    } finally {
      await vscode.commands.executeCommand('literatureCompanion.clearFilter');
    }
  });

  it('opens a paper summary panel and a challenge panel, reusing an open panel', async () => {
    const paperPanel = await vscode.commands.executeCommand<{ panel: vscode.WebviewPanel; whenRendered(): Promise<void> }>('literatureCompanion.openPaper', '2309.00267');
    await waitFor(() => paperPanel.panel.title.includes('RLAIF'), 'the paper panel to render its title');
    assert.equal(paperPanel.panel.viewType, 'literatureCompanion.panel');
    assert.equal(paperPanel.panel.webview.options.enableCommandUris, false);
    const again = await vscode.commands.executeCommand('literatureCompanion.openPaper', '2309.00267');
    assert.equal(again, paperPanel, 'a second open reveals the same panel');
    const challengePanel = await vscode.commands.executeCommand<{ panel: vscode.WebviewPanel }>('literatureCompanion.openChallenge', '3.2.2');
    await waitFor(() => challengePanel.panel.title.startsWith('§3.2.2'), 'the challenge panel title');
    assert.ok(api.panels.openPanels.length >= 2);
    paperPanel.panel.dispose();
    challengePanel.panel.dispose();
  });

  it('reports a malformed corpus file with its line in Problems while the rest still loads', async () => {
    const root = mkdtempSync(join(tmpdir(), 'litcomp-broken-'));
    for (const folder of ['papers', 'taxonomy', 'evidence']) mkdirSync(join(root, folder));
    writeFileSync(join(root, 'papers', '1111.00001.md'), '---\nid: "1111.00001"\ntitle: Good paper\nauthors: [A. Author]\nyear: 2020\nvenue: Test\nversion: v1\npdfUrl: https://arxiv.org/pdf/1111.00001v1\nbibtexKey: good2020\n---\nA summary.\n');
    writeFileSync(join(root, 'papers', '2222.00002.md'), '---\nid: "2222.00002"\ntitle: Broken paper\nauthors: [B. Author]\nyear: twenty\nvenue: Test\nversion: v1\npdfUrl: https://arxiv.org/pdf/2222.00002v1\nbibtexKey: bad2020\n---\nA summary.\n');
    writeFileSync(join(root, 'taxonomy', '1.md'), '---\nid: "1"\ntitle: A challenge\n---\nDescription.\n');
    const settings = vscode.workspace.getConfiguration('literatureCompanion');
    await settings.update('corpusPath', root, vscode.ConfigurationTarget.Workspace);
    try {
      const corpus = await waitFor(async () => {
        const loaded = await api.corpus.get();
        return loaded.root === root ? loaded : undefined;
      }, 'the corpus to reload from the setting');
      assert.deepEqual([...corpus.papers.keys()], ['1111.00001']);
      const diagnostics = await waitFor(() => {
        const list = vscode.languages.getDiagnostics(vscode.Uri.file(join(root, 'papers', '2222.00002.md')));
        return list.length > 0 ? list : undefined;
      }, 'a diagnostic on the broken file');
      assert.equal(diagnostics[0]!.range.start.line, 4, 'the error points at line 5, "year: twenty"');
      assert.match(diagnostics[0]!.message, /year/);
      const rows = await api.trees.papers.getChildren();
      const broken = rows.find((node) => node.kind === 'problem');
      assert.ok(broken, 'the broken paper is shown as such in the tree');
      assert.match(labelOf(api.trees.papers.getTreeItem(broken)), /2222\.00002/);
    } finally {
      await settings.update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => ((await api.corpus.get()).root !== root ? true : undefined), 'the bundled corpus to come back');
    }
  });
});
