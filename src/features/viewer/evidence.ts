import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/annotations/store';
import { addEvidenceToYaml } from '../../core/corpus/evidenceWriter';
import type { Corpus, Paper } from '../../core/corpus/model';
import { anchorQuote, type AnchorStatus } from '../../core/pdf/anchor';
import { quoteFromSelection } from '../../core/pdf/quoteFromSelection';
import type { DocumentText } from '../../core/pdf/textModel';
import { exists, FileExistsError, platformFiles } from '../../core/platform/fileSystem';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { formatLocated } from '../../core/common/location';
import { pathOf } from '../../services/workspacePaths';

/** Answers that let tests and automation skip the pickers (each one left out is asked for). */
export interface UseAsEvidenceOptions {
  readonly target?: 'link' | 'claim';
  readonly paper?: string;
  readonly challenge?: string;
  readonly rationale?: string;
  /** A folder for the person's own corpus, when the bundled (read-only) one is in use. */
  readonly corpusFolder?: string;
  /** Passed to the claims feature's command (verdict, note) as they are. */
  readonly claim?: Readonly<Record<string, unknown>>;
}

export type EvidenceOutcome =
  | { readonly added: true; readonly target: 'link' | 'claim'; readonly paper: string; readonly page: number; readonly quote: string; readonly file?: string; readonly challenge?: string; readonly verification: AnchorStatus }
  | { readonly added: false; readonly message: string; readonly cancelled?: boolean };

const REMEMBERED_PAPERS = 'literatureCompanion.pdfViewer.papers';
const cancelled: EvidenceOutcome = { added: false, cancelled: true, message: 'Cancelled: nothing was added.' };

/**
 * "Use as Evidence…" in the PDF viewer: text selected on a page becomes a quote (the page's own text, so
 * it verifies) in a paper ↔ challenge link of the person's corpus, or in a claim of the open document
 * (through the claims feature's command). The bundled corpus is never written to.
 */
export class EvidenceFromPdf {
  constructor(
    private readonly state: vscode.Memento,
    private readonly corpus: CorpusService,
    private readonly library: PdfLibrary,
  ) {}

  async add(pdf: vscode.Uri, page: number, selected: string, options: UseAsEvidenceOptions = {}): Promise<EvidenceOutcome> {
    let document: DocumentText;
    try {
      document = await this.library.read(pathOf(pdf));
    } catch (error) {
      return { added: false, message: vscode.l10n.t('The text of {0} could not be read: {1}', path.basename(pathOf(pdf)), (error as Error).message) };
    }
    const selection = quoteFromSelection(document.pages, page, selected);
    if (!selection.ok) return { added: false, message: selection.message };
    const target = options.target ?? (await this.pickTarget(selection.quote));
    if (!target) return cancelled;
    return target === 'link' ? this.addToLink(pdf, document, selection.quote, page, options) : this.addToClaim(pdf, document, selection.quote, page, options);
  }

  private async pickTarget(quote: string): Promise<'link' | 'claim' | undefined> {
    const items: (vscode.QuickPickItem & { target: 'link' | 'claim' })[] = [
      { label: `$(link) ${vscode.l10n.t('Add to a paper ↔ challenge link')}`, detail: vscode.l10n.t('Written to the evidence file of your corpus, with its page'), target: 'link' },
      { label: `$(comment-discussion) ${vscode.l10n.t('Add to a claim in the open document')}`, detail: vscode.l10n.t('A source of one of the claims of your talk'), target: 'claim' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Use as Evidence: "{0}"', shorten(quote, 70)), placeHolder: vscode.l10n.t('Where should the quote go?') });
    return picked?.target;
  }

  private async addToLink(pdf: vscode.Uri, document: DocumentText, quote: string, page: number, options: UseAsEvidenceOptions): Promise<EvidenceOutcome> {
    if (this.corpus.isBundled()) {
      const folder = options.corpusFolder ?? (await this.pickOwnCorpus());
      if (!folder) return { added: false, cancelled: true, message: vscode.l10n.t('The bundled corpus is read-only: pick a corpus folder of your own to add evidence to it.') };
      await this.useOwnCorpus(folder);
    }
    const corpus = await this.corpus.get();
    const paper = await this.paperOf(pdf, document, corpus, options.paper);
    if (!paper) return paperMissing(corpus);
    const challenge = options.challenge ?? (await this.pickChallenge(corpus, paper));
    if (!challenge) return cancelled;
    const file = path.join(corpus.root, 'evidence', `${paper.id}.yaml`);
    const files = platformFiles();
    const existing = (await exists(files, file)) ? new TextDecoder().decode(await files.readFile(file)) : undefined;
    const linked = corpus.links.some((link) => link.paper === paper.id && link.challenge === challenge);
    const rationale = linked ? undefined : (options.rationale ?? (await this.askRationale(paper, challenge, corpus)));
    if (!linked && !rationale) return cancelled;
    const edit = addEvidenceToYaml(existing, { paper: paper.id, challenge, page, quote, rationale });
    if (!edit.ok) return { added: false, message: edit.reason === 'duplicate' ? edit.message : formatLocated({ file, line: edit.line, message: edit.message }) };
    await writeFileAtomic(file, edit.text);
    await this.corpus.reload();
    return { added: true, target: 'link', paper: paper.id, page, quote, file, challenge, verification: anchorQuote(document.pages, { exact: quote, page }).status };
  }

  private async addToClaim(pdf: vscode.Uri, document: DocumentText, quote: string, page: number, options: UseAsEvidenceOptions): Promise<EvidenceOutcome> {
    const corpus = await this.corpus.get();
    const paper = await this.paperOf(pdf, document, corpus, options.paper);
    if (!paper) return paperMissing(corpus);
    const evidence = { paper: paper.id, version: paper.version, page, quote };
    const saved = await vscode.commands.executeCommand<unknown>('literatureCompanion.addEvidenceToClaim', evidence, options.claim ?? {});
    if (!saved) return cancelled;
    return { added: true, target: 'claim', paper: paper.id, page, quote, verification: anchorQuote(document.pages, { exact: quote, page }).status };
  }

  /** The corpus paper this PDF is: by file name (arXiv id), by sha256, by an earlier answer, or asked. */
  private async paperOf(pdf: vscode.Uri, document: DocumentText, corpus: Corpus, given?: string): Promise<Paper | undefined> {
    if (given) return corpus.papers.get(given);
    const stem = path.basename(pathOf(pdf)).replace(/\.pdf$/i, '').replace(/v\d+$/, '');
    const remembered = this.state.get<Record<string, string>>(REMEMBERED_PAPERS, {});
    const known = corpus.papers.get(stem) ?? [...corpus.papers.values()].find((paper) => paper.sha256 === document.sha256) ?? corpus.papers.get(remembered[document.sha256] ?? '');
    if (known) return known;
    const items = [...corpus.papers.values()].map((paper) => ({ label: paper.title, description: `${paper.authors[0] ?? ''} · ${paper.year} · arXiv ${paper.id}`, paper }));
    if (items.length === 0) return undefined;
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which paper is {0}?', path.basename(pathOf(pdf))), placeHolder: vscode.l10n.t('This PDF is not one of the corpus papers by name or hash: choose the paper it is'), matchOnDescription: true });
    if (picked) await this.state.update(REMEMBERED_PAPERS, { ...remembered, [document.sha256]: picked.paper.id });
    return picked?.paper;
  }

  private async pickChallenge(corpus: Corpus, paper: Paper): Promise<string | undefined> {
    const linked = new Map(corpus.links.filter((link) => link.paper === paper.id).map((link) => [link.challenge, link.evidence.length]));
    const items = [...corpus.challenges.values()]
      .sort((a, b) => Number(linked.has(b.id)) - Number(linked.has(a.id)) || a.id.localeCompare(b.id, undefined, { numeric: true }))
      .map((challenge) => ({
        label: `§${challenge.id} ${challenge.title}`,
        description: linked.has(challenge.id) ? vscode.l10n.t('linked · {0} quote(s)', linked.get(challenge.id)!) : vscode.l10n.t('new link'),
        id: challenge.id,
      }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Evidence from {0} for which challenge?', paper.title), matchOnDescription: true });
    return picked?.id;
  }

  private askRationale(paper: Paper, challenge: string, corpus: Corpus): Thenable<string | undefined> {
    return vscode.window.showInputBox({
      title: vscode.l10n.t('Why does {0} bear on §{1} {2}?', paper.title, challenge, corpus.challenges.get(challenge)?.title ?? ''),
      prompt: vscode.l10n.t('The rationale of a new link: one sentence in your own words.'),
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('A new link needs a rationale.')),
    });
  }

  private async pickOwnCorpus(): Promise<string | undefined> {
    const pick = vscode.l10n.t('Pick a corpus folder…');
    const answer = await vscode.window.showQuickPick([{ label: `$(folder-opened) ${pick}`, pick: true }, { label: `$(close) ${vscode.l10n.t('Cancel')}`, pick: false }], {
      title: vscode.l10n.t('The bundled corpus is read-only'),
      placeHolder: vscode.l10n.t('Evidence goes into a corpus folder of your own; an empty folder starts as a copy of the bundled corpus'),
    });
    if (!answer?.pick) return undefined;
    const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: vscode.l10n.t('Use as My Corpus') });
    return chosen?.[0] && pathOf(chosen[0]);
  }

  /** Points `corpusPath` at the folder; one without corpus files starts as a copy of the bundled corpus. */
  private async useOwnCorpus(folder: string): Promise<void> {
    const files = platformFiles();
    const hasCorpus = (await Promise.all(['papers', 'taxonomy', 'evidence'].map((sub) => exists(files, path.join(folder, sub))))).some(Boolean);
    if (!hasCorpus) {
      for (const sub of ['papers', 'taxonomy', 'evidence', 'claims']) await copyFolder(path.join(this.corpus.bundledRoot(), sub), path.join(folder, sub));
      void vscode.window.showInformationMessage(vscode.l10n.t('Your corpus in {0} starts as a copy of the bundled one; edit it freely.', folder));
    }
    const settings = vscode.workspace.getConfiguration('literatureCompanion');
    await settings.update('corpusPath', folder, vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    await this.corpus.reload();
  }
}

function paperMissing(corpus: Corpus): EvidenceOutcome {
  return { added: false, message: vscode.l10n.t('No paper chosen. A quote belongs to a paper of the corpus: add the paper to {0} first (see the corpus README).', path.join(corpus.root, 'papers')) };
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Copies a folder's files (recursively) where no file of that name exists yet: nothing is overwritten. */
async function copyFolder(from: string, to: string): Promise<void> {
  const files = platformFiles();
  const entries = await files.readDirectory(from);
  if (entries.length > 0) await files.createDirectory(to);
  for (const entry of entries) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.kind === 'directory') await copyFolder(source, target);
    else if (entry.kind === 'file') await files.createFile(target, await files.readFile(source)).catch((error: unknown) => {
      if (!(error instanceof FileExistsError)) throw error;
    });
  }
}
