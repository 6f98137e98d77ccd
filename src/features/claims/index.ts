import * as path from 'node:path';
import * as vscode from 'vscode';
import { createAnnotation, quoteChanged, touch, bodiesFor, evidenceOf, noteOf, verdictOf, type Annotation } from '../../core/annotations/model';
import { moveTo } from '../../core/annotations/reanchor';
import { VERDICTS, type Verdict } from '../../core/claims';
import { VERDICT_STYLE } from '../../core/claims/verdictStyle';
import { sourcesSummary, verdictLabel, type DocumentClaim } from '../../core/claims/documentClaims';
import { paperRef, type ClaimPanelView, type PanelTarget } from '../../core/panels/panelModels';
import { describeMatches } from '../../core/search/explain';
import type { SearchHit } from '../../core/search/searchIndex';
import type { CorpusService } from '../../services/corpusService';
import type { PanelManager } from '../../services/companionPanels';
import { localFolderOf, pathOf } from '../../services/workspacePaths';
import { activateClaimEditor } from './editor';
import { registerFindEvidence, type FindEvidenceTarget } from './findEvidence';
import { CLAIM_LANGUAGES, ClaimsService } from './service';
import type { EvidenceSuggester } from './suggester';
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
  /** The sentence to annotate instead of the selection (from the "Find evidence…" light bulb). */
  readonly target?: FindEvidenceTarget;
}

interface ClaimRef {
  readonly document: string;
  readonly key: string;
}

export interface ClaimsApi {
  readonly service: ClaimsService;
  readonly suggestions: EvidenceSuggester;
  readonly tree: ClaimsTreeProvider;
  refreshEditors(): Promise<void>;
}


/** `suggestions`: the PDF-text index on the desktop (EvidenceSuggestions), stored quotes only on the web. */
export function activateClaims(context: vscode.ExtensionContext, corpus: CorpusService, suggestions: EvidenceSuggester, panels: PanelManager): ClaimsApi {
  const service = new ClaimsService(context.extensionPath, corpus);
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
      documentName: path.basename(pathOf(document.uri)),
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
    registerFindEvidence(service, suggestions),
    service.onDidChange(refreshAll),
    vscode.window.onDidChangeActiveTextEditor(() => tree.refresh()),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && tree.refresh()),
    vscode.workspace.onDidSaveTextDocument((document) => void persistPositions(service, document)),
    vscode.commands.registerCommand('literatureCompanion.linkClaim', (options?: LinkClaimOptions) => linkClaim(service, suggestions, corpus, options)),
    vscode.commands.registerCommand('literatureCompanion.addEvidenceToClaim', (evidence?: unknown, options?: AddEvidenceOptions) => addEvidenceToClaim(service, tree, evidence, options)),
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
      const folder = document && localFolderOf(document.uri);
      if (!document || !folder) return;
      const settings = vscode.workspace.getConfiguration('literatureCompanion', document.uri);
      const patterns = settings.get<string[]>('claims.checkDocuments', []);
      const relative = path.relative(pathOf(folder.uri), pathOf(document.uri)).split(path.sep).join('/');
      if (!patterns.includes(relative)) await settings.update('claims.checkDocuments', [...patterns, relative], vscode.ConfigurationTarget.Workspace);
      await editor.refresh();
    }),
  );
  return { service, suggestions, tree, refreshEditors: editor.refresh };
}

/** Answers that let tests and automation add evidence to a claim without the pickers. */
interface AddEvidenceOptions {
  /** The claim's key in the document (DocumentClaim.key). */
  readonly claimKey?: string;
  readonly verdict?: Verdict;
  readonly note?: string;
}

function isEvidenceChoice(value: unknown): value is EvidenceChoice {
  const candidate = value as Partial<EvidenceChoice> | undefined;
  return typeof candidate?.paper === 'string' && typeof candidate.version === 'string' && typeof candidate.quote === 'string' && Number.isInteger(candidate.page);
}

/**
 * A quote (from the PDF viewer's "Use as Evidence…") added to a claim of the document the person works in:
 * to one of their annotations through the same path as "Edit Claim", or to a bundled claim of the talk by
 * annotating its sentence as "Link Claim to Evidence" does (the bundled claims file stays read-only).
 */
async function addEvidenceToClaim(service: ClaimsService, tree: ClaimsTreeProvider, evidence: unknown, options: AddEvidenceOptions = {}): Promise<Annotation | undefined> {
  if (!isEvidenceChoice(evidence)) return undefined;
  const document = tree.activeDocument() ?? vscode.window.visibleTextEditors.map((editor) => editor.document).find((candidate) => CLAIM_LANGUAGES.includes(candidate.languageId));
  if (!document) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the document with your claims (e.g. your talk) first, then add the quote again.'));
    return undefined;
  }
  const { claims } = await service.claimsOf(document);
  if (claims.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no claims yet: select a sentence and run "Link Claim to Evidence" first.', path.basename(pathOf(document.uri))));
    return undefined;
  }
  const claim = options.claimKey ? claims.find((candidate) => candidate.key === options.claimKey) : await pickClaim(claims, document);
  if (!claim) return undefined;
  if (claim.annotation) {
    const current = evidenceOf(claim.annotation).map(({ paper, version, page, quote }) => ({ paper, version, page, quote }));
    return editClaim(service, { kind: 'claim', claim, document }, { evidence: [...current, evidence], verdict: options.verdict, note: options.note });
  }
  const key = service.documentKey(document);
  if (!key) return undefined;
  const verdict = options.verdict ?? (await pickVerdict(claim.verdict));
  if (!verdict) return undefined;
  const annotation = createAnnotation({ document: key, text: document.getText(), start: claim.start, end: claim.end, verdict, evidence: [evidence], note: options.note });
  await service.save(annotation, document.uri);
  return annotation;
}

async function pickClaim(claims: readonly DocumentClaim[], document: vscode.TextDocument): Promise<DocumentClaim | undefined> {
  const items = claims.map((claim) => ({
    label: claim.text.length > 90 ? `${claim.text.slice(0, 89)}…` : claim.text,
    description: `${claim.origin === 'annotation' ? vscode.l10n.t('your claim') : vscode.l10n.t('talk claim')} · ${sourcesSummary(claim)} · ${verdictLabel(claim.verdict)}`,
    detail: claim.origin === 'bundled' ? vscode.l10n.t('The quote is stored as your own annotation on this sentence') : undefined,
    claim,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Add the quote to which claim of {0}?', path.basename(pathOf(document.uri))), matchOnDescription: true });
  return picked?.claim;
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

/** After a save, store the claims whose text or surroundings changed (not those that only moved: quoteChanged). */
async function persistPositions(service: ClaimsService, document: vscode.TextDocument): Promise<void> {
  const store = await service.storeFor(document.uri).catch(() => undefined);
  if (!store) return;
  const { claims } = await service.claimsOf(document);
  const text = document.getText();
  let moved = false;
  for (const claim of claims) {
    const annotation = claim.annotation;
    if (!annotation) continue;
    if (!quoteChanged(annotation, text, claim.start, claim.end)) continue;
    store.upsert(moveTo(annotation, text, claim.start, claim.end));
    moved = true;
  }
  if (moved) await store.save().catch((error: Error) => void vscode.window.showErrorMessage(error.message));
}

async function pickEvidence(selection: string, suggestions: EvidenceSuggester, corpus: CorpusService, precomputed?: readonly SearchHit[]): Promise<EvidenceChoice[] | undefined> {
  const loaded = await corpus.get();
  const who = (paperId: string) => {
    const paper = loaded.papers.get(paperId);
    return paper ? `${paper.authors[0]?.split(' ').pop()} ${paper.year}` : `arXiv ${paperId}`;
  };
  const versionOf = (paperId: string) => loaded.papers.get(paperId)?.version ?? '';
  type Item = vscode.QuickPickItem & { evidence?: EvidenceChoice; action?: 'stored' | 'none' };
  const hits = precomputed ?? (await suggestions.suggest(selection, 8));
  const items: Item[] = [
    { label: vscode.l10n.t('Suggested passages'), kind: vscode.QuickPickItemKind.Separator },
    ...hits.map((hit) => ({
      label: `$(book) ${who(hit.paper)} · ${vscode.l10n.t('p. {0}', hit.page)}`,
      description: `${hit.source === 'quote' ? vscode.l10n.t('stored quote') : vscode.l10n.t('from the PDF')} · ${vscode.l10n.t('matched: {0}', describeMatches(hit.matched ?? []))}`,
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
    VERDICTS.map((verdict) => ({ label: `$(${VERDICT_STYLE[verdict].codicon}) ${verdictLabel(verdict)}`, verdict, picked: verdict === current })),
    { title: vscode.l10n.t('What does the evidence say about the claim?') },
  );
  return picked?.verdict;
}

async function linkClaim(service: ClaimsService, suggestions: EvidenceSuggester, corpus: CorpusService, options: LinkClaimOptions = {}): Promise<Annotation | undefined> {
  const editor = options.target ? await editorOf(options.target) : vscode.window.activeTextEditor;
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
  const evidence = options.evidence ?? (await pickEvidence(document.getText(editor.selection), suggestions, corpus, options.target?.suggestions));
  if (!evidence) return undefined;
  const verdict = options.verdict ?? (await pickVerdict(evidence.length === 0 ? 'not-addressed' : undefined));
  if (!verdict) return undefined;
  const note = options.note ?? (options.evidence ? undefined : await vscode.window.showInputBox({ title: vscode.l10n.t('A note on this claim (optional)') }));
  const annotation = createAnnotation({ document: key, text: document.getText(), start, end, verdict, evidence, note: note || undefined });
  try {
    await service.save(annotation, document.uri);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The annotation was not saved: {0}', (error as Error).message));
    return undefined;
  }
  return annotation;
}

/** The editor of the light bulb's document, with the sentence selected so the person sees what is linked. */
async function editorOf(target: FindEvidenceTarget): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  editor.selection = new vscode.Selection(document.positionAt(target.start), document.positionAt(target.end));
  return editor;
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
