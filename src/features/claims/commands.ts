import * as path from 'node:path';
import * as vscode from 'vscode';
// Imports name the core modules themselves, not their folders' index: this bundle then carries no YAML parser.
import { createAnnotation, touch, bodiesFor, evidenceOf, noteOf, verdictOf, type Annotation } from '../../core/annotations/model';
import { moveTo } from '../../core/annotations/reanchor';
import type { Verdict } from '../../core/claims/model';
import { isPinnedQuote, pinnedQuoteOf, type PinnedQuote } from '../../core/common/pinnedQuote';
import type { CorpusService } from '../../services/corpusService';
import { localFolderOf, pathOf } from '../../services/workspacePaths';
import { findClaim, type ClaimRef } from './claimRef';
import { pickClaim, pickEvidence, pickVerdict } from './dialogs';
import { CLAIM_LANGUAGES } from './documents';
import type { FindEvidenceTarget } from './findEvidence';
import type { ClaimsService } from './service';
import type { EvidenceSuggester } from './suggester';
import type { ClaimsNode, ClaimsTreeProvider } from './view';

// The claim commands' handlers. This module is its own bundle (dist/lazy-claimsCommands.js), loaded on the first
// use of one of them: index.ts registers the commands and forwards to these.

/** What the handlers work on, handed in by index.ts. */
export interface ClaimCommandContext {
  readonly service: ClaimsService;
  readonly tree: ClaimsTreeProvider;
  readonly corpus: CorpusService;
  /** The search behind suggested passages, made on first use. */
  readonly suggestions: () => Promise<EvidenceSuggester>;
  /** Redraws gutter icons, CodeLenses and Problems of open documents. */
  readonly refreshEditors: () => Promise<void>;
}

/** Arguments that let tests and automation run "Link claim" without the pickers. */
export interface LinkClaimOptions {
  readonly evidence?: readonly PinnedQuote[];
  readonly verdict?: Verdict;
  readonly note?: string;
  /** The sentence to annotate instead of the selection (from the "Find evidence…" light bulb). */
  readonly target?: FindEvidenceTarget;
}

/** Answers that let tests and automation add evidence to a claim without the pickers. */
export interface AddEvidenceOptions {
  /** The claim's key in the document (DocumentClaim.key). */
  readonly claimKey?: string;
  readonly verdict?: Verdict;
  readonly note?: string;
}

export async function linkClaim(context: ClaimCommandContext, options: LinkClaimOptions = {}): Promise<Annotation | undefined> {
  const { service } = context;
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
  const evidence = options.evidence ?? (await pickEvidence(document.getText(editor.selection), context.suggestions, context.corpus, options.target?.suggestions));
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

export async function editClaim(context: ClaimCommandContext, node: ClaimsNode | undefined, options: LinkClaimOptions = {}): Promise<Annotation | undefined> {
  const annotation = node?.kind === 'claim' ? node.claim.annotation : undefined;
  if (!annotation) return undefined;
  const verdict = options.verdict ?? (await pickVerdict(verdictOf(annotation)));
  if (!verdict) return undefined;
  const note = options.note ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('A note on this claim (optional)'), value: noteOf(annotation) ?? '' }));
  const evidence = options.evidence ?? evidenceOf(annotation).map(pinnedQuoteOf);
  const edited = touch(annotation, { body: bodiesFor(verdict, evidence, note || undefined) });
  await context.service.save(edited);
  return edited;
}

/**
 * A quote (from the PDF viewer's "Use as Evidence…") added to a claim of the document the person works in:
 * to one of their annotations through the same path as "Edit Claim", or to a bundled claim of the talk by
 * annotating its sentence as "Link Claim to Evidence" does (the bundled claims file stays read-only).
 */
export async function addEvidenceToClaim(context: ClaimCommandContext, evidence: unknown, options: AddEvidenceOptions = {}): Promise<Annotation | undefined> {
  if (!isPinnedQuote(evidence)) return undefined;
  const { service } = context;
  const document = context.tree.activeDocument() ?? vscode.window.visibleTextEditors.map((editor) => editor.document).find((candidate) => CLAIM_LANGUAGES.includes(candidate.languageId));
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
    const current = evidenceOf(claim.annotation).map(pinnedQuoteOf);
    return editClaim(context, { kind: 'claim', claim, document }, { evidence: [...current, evidence], verdict: options.verdict, note: options.note });
  }
  const key = service.documentKey(document);
  if (!key) return undefined;
  const verdict = options.verdict ?? (await pickVerdict(claim.verdict));
  if (!verdict) return undefined;
  const annotation = createAnnotation({ document: key, text: document.getText(), start: claim.start, end: claim.end, verdict, evidence: [evidence], note: options.note });
  await service.save(annotation, document.uri);
  return annotation;
}

export async function removeClaim(context: ClaimCommandContext, node?: ClaimsNode, options?: { confirm?: boolean }): Promise<boolean> {
  const annotation = node?.kind === 'claim' ? node.claim.annotation : node?.kind === 'orphan' ? node.orphan.annotation : undefined;
  if (!annotation) return false;
  if (options?.confirm !== false) {
    const remove = vscode.l10n.t('Remove');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('Remove the annotation of "{0}"?', annotationText(annotation)), { modal: true }, remove)) !== remove) return false;
  }
  return context.service.remove(annotation.id);
}

function annotationText(annotation: Annotation): string {
  const exact = annotation.target.selector[0].exact;
  return exact.length > 60 ? `${exact.slice(0, 60)}…` : exact;
}

export async function reattachOrphan(context: ClaimCommandContext, node?: ClaimsNode): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (node?.kind !== 'orphan' || !node.orphan.annotation || !editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the sentence the annotation belongs to, then choose "Re-attach to Selection" on the orphan.'));
    return false;
  }
  const text = editor.document.getText();
  await context.service.save(moveTo(node.orphan.annotation, text, editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)));
  return true;
}

export async function revealClaim(context: ClaimCommandContext, ref?: ClaimRef): Promise<void> {
  if (!ref) return;
  const found = await findClaim(context.service, ref);
  if (!found) return;
  const shown = await vscode.window.showTextDocument(found.document, { preserveFocus: false });
  const range = new vscode.Range(found.document.positionAt(found.claim.start), found.document.positionAt(found.claim.end));
  shown.selection = new vscode.Selection(range.start, range.end);
  shown.revealRange(range, vscode.TextEditorRevealType.InCenter);
}

/** Adds the active document to `claims.checkDocuments` (its claims then show in Problems). */
export async function checkClaimsInDocument(context: ClaimCommandContext): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const folder = document && localFolderOf(document.uri);
  if (!document || !folder) return;
  const settings = vscode.workspace.getConfiguration('literatureCompanion', document.uri);
  const patterns = settings.get<string[]>('claims.checkDocuments', []);
  const relative = path.relative(pathOf(folder.uri), pathOf(document.uri)).split(path.sep).join('/');
  if (!patterns.includes(relative)) await settings.update('claims.checkDocuments', [...patterns, relative], vscode.ConfigurationTarget.Workspace);
  await context.refreshEditors();
}
