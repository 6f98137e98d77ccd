import * as path from 'node:path';
import * as vscode from 'vscode';
import { createAnnotation, moveTo, touch, bodiesFor, evidenceOf, noteOf, verdictOf, type Annotation } from '../../core/annotations';
import { VERDICTS, type Verdict } from '../../core/claims';
import { sourcesSummary, verdictLabel, type DocumentClaim } from '../../core/claims/documentClaims';
import { paperRef, type ClaimPanelView, type PanelTarget } from '../../core/panels/panelModels';
import type { CorpusService } from '../../services/corpusService';
import type { PanelManager } from '../panels';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { activateClaimEditor } from './editor';
import { ClaimsService } from './service';
import { EvidenceSuggestions } from './suggestions';
import { ClaimsTreeProvider, type ClaimsNode } from './view';

interface EvidenceChoice {
  readonly paper: string;
  readonly version: string;
  readonly page: number;
  readonly quote: string;
}

/** Arguments that let tests and automation run "Link claim" without the pickers. */
export interface LinkClaimOptions {
  readonly evidence?: readonly EvidenceChoice[];
  readonly verdict?: Verdict;
  readonly note?: string;
}

interface ClaimRef {
  readonly document: string;
  readonly key: string;
}

export interface ClaimsApi {
  readonly service: ClaimsService;
  readonly suggestions: EvidenceSuggestions;
  readonly tree: ClaimsTreeProvider;
  refreshEditors(): Promise<void>;
}

const VERDICT_ICONS: Record<Verdict, string> = { supports: 'pass', 'partially-supports': 'circle-large-outline', contradicts: 'error', 'not-addressed': 'question' };

export function activateClaims(context: vscode.ExtensionContext, corpus: CorpusService, library: PdfLibrary, panels: PanelManager): ClaimsApi {
  const service = new ClaimsService(corpus);
  const suggestions = new EvidenceSuggestions(corpus, library);
  const tree = new ClaimsTreeProvider(service);
  const treeView = vscode.window.createTreeView('literatureCompanion.claims', { treeDataProvider: tree });
  const editor = activateClaimEditor(context, service, corpus);

  const findClaim = async (ref: ClaimRef): Promise<{ claim: DocumentClaim; document: vscode.TextDocument } | undefined> => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.document));
    const { claims } = await service.claimsOf(document);
    const claim = claims.find((candidate) => candidate.key === ref.key);
    return claim && { claim, document };
  };

  panels.setViewResolver(async (target: PanelTarget) => {
    if (target.kind !== 'claim') return undefined;
    const found = await findClaim({ document: target.document, key: target.id }).catch(() => undefined);
    if (!found) return undefined;
    const loaded = await corpus.get();
    const { claim, document } = found;
    const view: ClaimPanelView = {
      kind: 'claim',
      target,
      text: claim.text,
      verdict: claim.verdict,
      verdictLabel: verdictLabel(claim.verdict),
      summary: sourcesSummary(claim),
      gloss: claim.gloss,
      rationale: claim.rationale,
      note: claim.note,
      documentName: path.basename(document.uri.fsPath),
      evidence: claim.evidence.map((evidence) => {
        const paper = loaded.papers.get(evidence.paper);
        return { page: evidence.page, quote: evidence.quote, source: evidence.verified ? 'pdf' : 'transcription', verified: evidence.verified, paper: paper ? paperRef(paper) : { id: evidence.paper, title: `arXiv ${evidence.paper}` } };
      }),
    };
    return view;
  });

  const refreshAll = () => {
    tree.refresh();
    panels.refresh('claim');
  };

  context.subscriptions.push(
    service,
    suggestions,
    treeView,
    service.onDidChange(refreshAll),
    vscode.window.onDidChangeActiveTextEditor(() => tree.refresh()),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && tree.refresh()),
    vscode.workspace.onDidSaveTextDocument((document) => void persistPositions(service, document)),
    vscode.commands.registerCommand('literatureCompanion.linkClaim', (options?: LinkClaimOptions) => linkClaim(service, suggestions, corpus, options)),
    vscode.commands.registerCommand('literatureCompanion.editClaim', (node?: ClaimsNode, options?: LinkClaimOptions) => editClaim(service, node, options)),
    vscode.commands.registerCommand('literatureCompanion.removeClaim', async (node?: ClaimsNode, options?: { confirm?: boolean }) => {
      const annotation = node?.kind === 'claim' ? node.claim.annotation : node?.kind === 'orphan' ? node.orphan.annotation : undefined;
      if (!annotation) return false;
      if (options?.confirm !== false) {
        const remove = vscode.l10n.t('Remove');
        if ((await vscode.window.showWarningMessage(vscode.l10n.t('Remove the annotation of "{0}"?', annotationText(annotation)), { modal: true }, remove)) !== remove) return false;
      }
      return service.remove(annotation.id);
    }),
    vscode.commands.registerCommand('literatureCompanion.deleteOrphan', (node?: ClaimsNode, options?: { confirm?: boolean }) => vscode.commands.executeCommand('literatureCompanion.removeClaim', node, options)),
    vscode.commands.registerCommand('literatureCompanion.reattachOrphan', async (node?: ClaimsNode) => {
      const editor = vscode.window.activeTextEditor;
      if (node?.kind !== 'orphan' || !node.orphan.annotation || !editor || editor.selection.isEmpty) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select the sentence the annotation belongs to, then choose "Re-attach to Selection" on the orphan.'));
        return false;
      }
      const text = editor.document.getText();
      await service.save(moveTo(node.orphan.annotation, text, editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)));
      return true;
    }),
    vscode.commands.registerCommand('literatureCompanion.revealClaim', async (ref?: ClaimRef) => {
      if (!ref) return;
      const found = await findClaim(ref);
      if (!found) return;
      const shown = await vscode.window.showTextDocument(found.document, { preserveFocus: false });
      const range = new vscode.Range(found.document.positionAt(found.claim.start), found.document.positionAt(found.claim.end));
      shown.selection = new vscode.Selection(range.start, range.end);
      shown.revealRange(range, vscode.TextEditorRevealType.InCenter);
    }),
    vscode.commands.registerCommand('literatureCompanion.openClaim', (ref?: ClaimRef | ClaimsNode) => {
      const target = claimRefOf(ref);
      return target && panels.open({ kind: 'claim', id: target.key, document: target.document });
    }),
    vscode.commands.registerCommand('literatureCompanion.checkClaimsInDocument', async () => {
      const document = vscode.window.activeTextEditor?.document;
      const folder = document && vscode.workspace.getWorkspaceFolder(document.uri);
      if (!document || !folder) return;
      const settings = vscode.workspace.getConfiguration('literatureCompanion', document.uri);
      const patterns = settings.get<string[]>('claims.checkDocuments', []);
      const relative = path.relative(folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/');
      if (!patterns.includes(relative)) await settings.update('claims.checkDocuments', [...patterns, relative], vscode.ConfigurationTarget.Workspace);
      await editor.refresh();
    }),
  );
  return { service, suggestions, tree, refreshEditors: editor.refresh };
}

function claimRefOf(ref: ClaimRef | ClaimsNode | undefined): ClaimRef | undefined {
  if (!ref) return undefined;
  if ('key' in ref && 'document' in ref && typeof ref.document === 'string') return ref as ClaimRef;
  const node = ref as ClaimsNode;
  return node.kind === 'claim' ? { document: node.document.uri.toString(), key: node.claim.key } : undefined;
}

function annotationText(annotation: Annotation): string {
  const exact = annotation.target.selector[0].exact;
  return exact.length > 60 ? `${exact.slice(0, 60)}…` : exact;
}

/** After a save, store where each annotation now is, so the next session anchors by position first. */
async function persistPositions(service: ClaimsService, document: vscode.TextDocument): Promise<void> {
  const store = await service.annotations();
  if (!store) return;
  const { claims } = await service.claimsOf(document);
  let moved = false;
  for (const claim of claims) {
    const annotation = claim.annotation;
    if (!annotation) continue;
    const position = annotation.target.selector[1];
    if (position.start === claim.start && position.end === claim.end) continue;
    store.upsert(moveTo(annotation, document.getText(), claim.start, claim.end));
    moved = true;
  }
  if (moved) await store.save().catch((error: Error) => void vscode.window.showErrorMessage(error.message));
}

async function pickEvidence(selection: string, suggestions: EvidenceSuggestions, corpus: CorpusService): Promise<EvidenceChoice[] | undefined> {
  const loaded = await corpus.get();
  const who = (paperId: string) => {
    const paper = loaded.papers.get(paperId);
    return paper ? `${paper.authors[0]?.split(' ').pop()} ${paper.year}` : `arXiv ${paperId}`;
  };
  const versionOf = (paperId: string) => loaded.papers.get(paperId)?.version ?? '';
  type Item = vscode.QuickPickItem & { evidence?: EvidenceChoice; action?: 'stored' | 'none' };
  const hits = await suggestions.suggest(selection, 8);
  const items: Item[] = [
    { label: vscode.l10n.t('Suggested passages'), kind: vscode.QuickPickItemKind.Separator },
    ...hits.map((hit) => ({
      label: `$(book) ${who(hit.paper)} · ${vscode.l10n.t('p. {0}', hit.page)}`,
      description: hit.source === 'quote' ? vscode.l10n.t('stored quote') : vscode.l10n.t('from the PDF'),
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

async function pickVerdict(current?: Verdict): Promise<Verdict | undefined> {
  const picked = await vscode.window.showQuickPick(
    VERDICTS.map((verdict) => ({ label: `$(${VERDICT_ICONS[verdict]}) ${verdictLabel(verdict)}`, verdict, picked: verdict === current })),
    { title: vscode.l10n.t('What does the evidence say about the claim?') },
  );
  return picked?.verdict;
}

async function linkClaim(service: ClaimsService, suggestions: EvidenceSuggestions, corpus: CorpusService, options: LinkClaimOptions = {}): Promise<Annotation | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the sentence of the claim first.'));
    return undefined;
  }
  const document = editor.document;
  const key = service.documentKey(document);
  if (!key) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save the document inside the workspace folder first: annotations are stored with the workspace.'));
    return undefined;
  }
  const start = document.offsetAt(editor.selection.start);
  const end = document.offsetAt(editor.selection.end);
  const evidence = options.evidence ?? (await pickEvidence(document.getText(editor.selection), suggestions, corpus));
  if (!evidence) return undefined;
  const verdict = options.verdict ?? (await pickVerdict(evidence.length === 0 ? 'not-addressed' : undefined));
  if (!verdict) return undefined;
  const note = options.note ?? (options.evidence ? undefined : await vscode.window.showInputBox({ title: vscode.l10n.t('A note on this claim (optional)') }));
  const annotation = createAnnotation({ document: key, text: document.getText(), start, end, verdict, evidence, note: note || undefined });
  try {
    await service.save(annotation);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The annotation was not saved: {0}', (error as Error).message));
    return undefined;
  }
  return annotation;
}

async function editClaim(service: ClaimsService, node: ClaimsNode | undefined, options: LinkClaimOptions = {}): Promise<Annotation | undefined> {
  const annotation = node?.kind === 'claim' ? node.claim.annotation : undefined;
  if (!annotation) return undefined;
  const verdict = options.verdict ?? (await pickVerdict(verdictOf(annotation)));
  if (!verdict) return undefined;
  const note = options.note ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('A note on this claim (optional)'), value: noteOf(annotation) ?? '' }));
  const evidence = options.evidence ?? evidenceOf(annotation).map(({ paper, version, page, quote }) => ({ paper, version, page, quote }));
  const edited = touch(annotation, { body: bodiesFor(verdict, evidence, note || undefined) });
  await service.save(edited);
  return edited;
}
