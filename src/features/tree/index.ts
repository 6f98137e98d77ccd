import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus/model';
import { CorpusTree, type TreeNode, type ViewKind } from '../../core/tree/corpusTree';
import type { CorpusService } from '../../services/corpusService';
import { treeItemFor } from './treeItems';

export class CorpusTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private tree?: CorpusTree;
  /** Requests for the roots still waiting for the corpus: they will draw whatever tree refresh() sets. */
  private rootsPending = 0;

  constructor(
    private readonly corpus: CorpusService,
    private readonly view: ViewKind,
    private readonly filter: () => string,
  ) {}

  refresh(corpus?: Corpus): void {
    this.tree = corpus ? new CorpusTree(corpus, this.view, this.filter()) : undefined;
    // While the view's first request for the roots waits for the corpus, it takes this tree as it
    // resolves. Announcing a change as well made VS Code fetch the roots again after its 200 ms refresh
    // debounce and draw the first rows only then (measured in the real workbench: ~250 ms later).
    if (this.rootsPending === 0 || !corpus) this.changed.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const tree = this.tree ?? (await this.firstTree(node === undefined));
    return node ? tree.children(node) : tree.roots();
  }

  private async firstTree(forRoots: boolean): Promise<CorpusTree> {
    if (forRoots) this.rootsPending++;
    try {
      const corpus = await this.corpus.get();
      return (this.tree ??= new CorpusTree(corpus, this.view, this.filter()));
    } finally {
      if (forRoots) this.rootsPending--;
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemFor(node, this.tree?.filtered ?? false);
  }
}

/** The two sidebar views and the filter they share. */
export function activateTrees(context: vscode.ExtensionContext, corpus: CorpusService): Record<ViewKind, CorpusTreeProvider> {
  let filter = '';
  const providers = (['challenges', 'papers'] as const).map((view) => {
    const provider = new CorpusTreeProvider(corpus, view, () => filter);
    const treeView = vscode.window.createTreeView(`literatureCompanion.${view}`, { treeDataProvider: provider, showCollapseAll: true });
    context.subscriptions.push(treeView);
    return { provider, treeView };
  });

  const applyFilter = async (text: string) => {
    filter = text;
    await vscode.commands.executeCommand('setContext', 'literatureCompanion.filterActive', filter !== '');
    const loaded = await corpus.get();
    for (const { provider, treeView } of providers) {
      provider.refresh(loaded);
      treeView.description = filter ? vscode.l10n.t('filter: "{0}"', filter) : undefined;
    }
  };

  context.subscriptions.push(
    corpus.onDidChange((loaded) => providers.forEach(({ provider }) => provider.refresh(loaded))),
    vscode.commands.registerCommand('literatureCompanion.filter', async (text?: string) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter challenges and papers'),
        prompt: vscode.l10n.t('Matches challenge titles, paper titles, authors, citation keys and quotes'),
        value: filter,
      });
      if (value !== undefined) await applyFilter(value.trim());
    }),
    vscode.commands.registerCommand('literatureCompanion.clearFilter', () => applyFilter('')),
  );
  return { challenges: providers[0]!.provider, papers: providers[1]!.provider };
}
