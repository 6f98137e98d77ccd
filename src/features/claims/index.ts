import * as path from 'node:path';
import * as vscode from 'vscode';
import { once } from '../../core/common/once';
import { CLAIM_TEXT } from '../../core/claims/documentClaims';
import { buildClaimPanelView } from '../../core/panels/claimPanel';
import type { PanelTarget } from '../../core/panels/panelModels';
import type { CorpusService } from '../../services/corpusService';
import { localized } from '../../services/localizedTexts';
import { pathOf } from '../../services/workspacePaths';
import type { PanelManager } from '../../services/companionPanels';
import { claimRefOf, findClaim, type ClaimRef } from './claimRef';
import type { AddEvidenceOptions, ClaimCommandContext, LinkClaimOptions } from './commands';
import { CLAIM_SELECTOR, isClaimDocument } from './documents';
import { persistPositions } from './positions';
import { ClaimsService } from './service';
import type { EvidenceSuggester } from './suggester';
import { ClaimsTreeProvider, type ClaimsNode } from './view';

export type { LinkClaimOptions } from './commands';

export interface ClaimsApi {
  readonly service: ClaimsService;
  /** The search behind suggested passages, made (and its code loaded) on first use. */
  readonly suggestions: () => Promise<EvidenceSuggester>;
  readonly tree: ClaimsTreeProvider;
  refreshEditors(): Promise<void>;
}

/**
 * Claims: the service and the Claims view at activation; the editor layer (gutter, hover, CodeLens,
 * Problems, light bulb), the command handlers and the search load with `import()` on first need, each
 * from its own bundle (scripts/lib/lazyModules.mjs), so the activation bundle stays small.
 * `makeSuggestions`: the PDF-text index on the desktop (EvidenceSuggestions), stored quotes only on the web;
 * called once, on first need.
 */
export function activateClaims(context: vscode.ExtensionContext, corpus: CorpusService, makeSuggestions: () => Promise<EvidenceSuggester>, panels: PanelManager): ClaimsApi {
  const service = new ClaimsService(context.extensionPath, corpus);
  const tree = new ClaimsTreeProvider(service);
  const treeView = vscode.window.createTreeView('literatureCompanion.claims', { treeDataProvider: tree });

  const suggestions = once(async () => {
    const made = await makeSuggestions();
    context.subscriptions.push(made);
    return made;
  });
  const codeLensChanged = new vscode.EventEmitter<void>();
  const editor = once(async () => (await import('./editor')).startClaimEditor(context, service, corpus, suggestions, codeLensChanged));
  const refreshEditors = async () => (await editor()).refresh();
  const commands = once(() => import('./commands'));
  const handlerContext: ClaimCommandContext = { service, tree, corpus, suggestions, refreshEditors };

  panels.setViewResolver(async (target: PanelTarget) => {
    if (target.kind !== 'claim') return undefined;
    const found = await findClaim(service, { document: target.document, key: target.id }).catch(() => undefined);
    if (!found) return undefined;
    return buildClaimPanelView(found.claim, await corpus.get(), target, path.basename(pathOf(found.document.uri)), localized(CLAIM_TEXT));
  });

  const refreshAll = () => {
    tree.refresh();
    panels.refresh('claim');
  };

  context.subscriptions.push(
    service,
    treeView,
    codeLensChanged,
    ...startEditorWithFirstClaimDocument(() => void editor()),
    vscode.languages.registerHoverProvider(CLAIM_SELECTOR, { provideHover: async (...args) => (await editor()).hovers.provideHover(...args) }),
    vscode.languages.registerCodeLensProvider(CLAIM_SELECTOR, { onDidChangeCodeLenses: codeLensChanged.event, provideCodeLenses: async (...args) => (await editor()).codeLenses.provideCodeLenses(...args) }),
    vscode.languages.registerCodeActionsProvider(CLAIM_SELECTOR, { provideCodeActions: async (...args) => (await editor()).codeActions.provideCodeActions(...args) }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    service.onDidChange(refreshAll),
    vscode.window.onDidChangeActiveTextEditor(() => tree.refresh()),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && tree.refresh()),
    vscode.workspace.onDidSaveTextDocument((document) => void persistPositions(service, document)),
    vscode.commands.registerCommand('literatureCompanion.linkClaim', async (options?: LinkClaimOptions) => (await commands()).linkClaim(handlerContext, options)),
    vscode.commands.registerCommand('literatureCompanion.addEvidenceToClaim', async (evidence?: unknown, options?: AddEvidenceOptions) => (await commands()).addEvidenceToClaim(handlerContext, evidence, options)),
    vscode.commands.registerCommand('literatureCompanion.editClaim', async (node?: ClaimsNode, options?: LinkClaimOptions) => (await commands()).editClaim(handlerContext, node, options)),
    vscode.commands.registerCommand('literatureCompanion.removeClaim', async (node?: ClaimsNode, options?: { confirm?: boolean }) => (await commands()).removeClaim(handlerContext, node, options)),
    vscode.commands.registerCommand('literatureCompanion.deleteOrphan', (node?: ClaimsNode, options?: { confirm?: boolean }) => vscode.commands.executeCommand('literatureCompanion.removeClaim', node, options)),
    vscode.commands.registerCommand('literatureCompanion.reattachOrphan', async (node?: ClaimsNode) => (await commands()).reattachOrphan(handlerContext, node)),
    vscode.commands.registerCommand('literatureCompanion.revealClaim', async (ref?: ClaimRef) => (await commands()).revealClaim(handlerContext, ref)),
    vscode.commands.registerCommand('literatureCompanion.openClaim', (ref?: ClaimRef | ClaimsNode) => {
      const target = claimRefOf(ref);
      return target && panels.open({ kind: 'claim', id: target.key, document: target.document });
    }),
    vscode.commands.registerCommand('literatureCompanion.checkClaimsInDocument', async () => (await commands()).checkClaimsInDocument(handlerContext)),
  );
  return { service, suggestions, tree, refreshEditors };
}

/** Starts the editor layer now if a Markdown/LaTeX document is open, else when the first one opens. */
function startEditorWithFirstClaimDocument(start: () => void): vscode.Disposable[] {
  if (vscode.workspace.textDocuments.some(isClaimDocument)) {
    start();
    return [];
  }
  const listener = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!isClaimDocument(document)) return;
    listener.dispose();
    start();
  });
  return [listener];
}
