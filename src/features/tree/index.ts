import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus/model';
import { CorpusTree, type TreeNode, type ViewKind } from '../../core/tree/corpusTree';
import type { CorpusService } from '../../services/corpusService';
import { treeItemFor } from './treeItems';

export class CorpusTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private tree?: CorpusTree;

  constructor(
    private readonly corpus: CorpusService,
    private readonly view: ViewKind,
    private readonly filter: () => string,
  ) {}

  refresh(corpus?: Corpus): void {
    this.tree = corpus ? new CorpusTree(corpus, this.view, this.filter()) : undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    this.tree ??= new CorpusTree(await this.corpus.get(), this.view, this.filter());
    return node ? this.tree.children(node) : this.tree.roots();
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
