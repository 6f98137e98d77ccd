import * as path from 'node:path';
import * as vscode from 'vscode';
import { annotationFileFor, AnnotationStore, documentKey, type Annotation } from '../../core/annotations';
import { formatClaimProblem, loadClaimsFolder, type ClaimFolder, type ClaimSet } from '../../core/claims';
import { annotatedClaimsIn, bundledClaimsIn, mergeClaims, type DocumentClaims } from '../../core/claims/documentClaims';
import type { CorpusService } from '../../services/corpusService';

/** Documents whose claims the companion tracks. */
export const CLAIM_LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'];

/**
 * The claims of open documents: the claims of the corpus's talks (read-only, from `<corpus>/claims/*.yaml`;
 * the bundled talk's when no corpus is set) and the person's own annotations,
 * stored as W3C Web Annotations in `<workspace>/.literature/annotations.json`. The store is opened on
 * first use; its file is never overwritten when it cannot be read (it is backed up and reported).
 */
export class ClaimsService implements vscode.Disposable {
  private bundled?: Promise<ClaimFolder>;
  private store?: Promise<AnnotationStore | undefined>;
  private readonly cache = new Map<string, { version: number; claims: DocumentClaims }>();
  /** Bumped by every invalidation: a result computed from claims read before it is not cached. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when annotations change (added, edited, removed, or the file changed on disk). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private reportedProblems = '';
  private reportedClaimProblems = '';

  constructor(private readonly corpus: CorpusService) {
    this.disposables.push(
      corpus.onDidChange(() => {
        // A reload (another corpus, or a changed claims file) reads the claims again.
        this.bundled = undefined;
        this.invalidate();
      }),
    );
  }

  private workspaceRoot(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** The claims of the corpus's `claims/` folder, loaded against the corpus they cite. */
  bundledClaims(): Promise<ClaimFolder> {
    this.bundled ??= this.corpus.get().then(async (corpus) => {
      const folder = await loadClaimsFolder(path.join(corpus.root, 'claims'), corpus);
      this.reportClaimProblems(folder);
      return folder;
    });
    return this.bundled;
  }

  /** The workspace's annotation store, or undefined without a workspace folder. */
  annotations(): Promise<AnnotationStore | undefined> {
    this.store ??= this.openStore();
    return this.store;
  }

  private async openStore(): Promise<AnnotationStore | undefined> {
    const root = this.workspaceRoot();
    if (!root) return undefined;
    const file = annotationFileFor(root);
    const store = await AnnotationStore.open(file);
    this.reportProblems(store);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    const reload = async () => {
      await store.reload();
      this.reportProblems(store);
      this.invalidate();
    };
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    this.disposables.push(watcher);
    return store;
  }

  /** A broken claims file is named once (file:line (field): message); its good claims still load. */
  private reportClaimProblems(folder: ClaimFolder): void {
    const text = folder.problems.map(formatClaimProblem).join('\n');
    if (!text || text === this.reportedClaimProblems) return;
    this.reportedClaimProblems = text;
    const first = folder.problems[0]!;
    const open = vscode.l10n.t('Open the File');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Literature Companion: {0} problem(s) in the claims files. First: {1}. The other claims loaded.', folder.problems.length, formatClaimProblem(first)), open)
      .then((choice) => {
        if (choice !== open) return;
        const line = Math.max(0, (first.line ?? 1) - 1);
        void vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(line, 0, line, 0) });
      });
  }

  private reportProblems(store: AnnotationStore): void {
    const text = store.problems.join('\n');
    if (!text || text === this.reportedProblems) return;
    this.reportedProblems = text;
    const open = vscode.l10n.t('Open the File');
    void vscode.window.showErrorMessage(vscode.l10n.t('Literature Companion: {0}', store.problems[0]!), open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(vscode.Uri.file(store.file));
    });
  }

  /** The key under which a document's annotations are stored (relative to the workspace). */
  documentKey(document: vscode.TextDocument): string | undefined {
    const root = this.workspaceRoot();
    return root && document.uri.scheme === 'file' ? documentKey(root, document.uri.fsPath) : undefined;
  }

  /** Claims of a document at its current version (cached per version). */
  async claimsOf(document: vscode.TextDocument): Promise<DocumentClaims> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.claims;
    const text = document.getText();
    const generation = this.generation;
    const [bundled, store, corpus] = await Promise.all([this.bundledClaims(), this.annotations(), this.corpus.get()]);
    const isTalkOf = (set: ClaimSet) => set.talk !== undefined && path.basename(set.talk) === path.basename(document.uri.fsPath);
    const storeKey = this.documentKey(document);
    const own = store && storeKey ? store.list(storeKey) : [];
    const claims = mergeClaims(...bundled.sets.map((set) => bundledClaimsIn(text, set.claims, isTalkOf(set))), annotatedClaimsIn(text, own, corpus));
    // A corpus switch while this ran (another corpus, another claims folder) makes the result stale.
    if (generation === this.generation) this.cache.set(key, { version: document.version, claims });
    return claims;
  }

  /** Adds or replaces an annotation and writes the file (atomically; merged if another window wrote it). */
  async save(annotation: Annotation): Promise<void> {
    const store = await this.requireStore();
    store.upsert(annotation);
    await this.write(store);
  }

  async remove(id: string): Promise<boolean> {
    const store = await this.requireStore();
    const removed = store.remove(id);
    if (removed) await this.write(store);
    return removed;
  }

  private async requireStore(): Promise<AnnotationStore> {
    const store = await this.annotations();
    if (!store) throw new Error(vscode.l10n.t('Open a folder first: annotations are stored in the workspace (.literature/annotations.json).'));
    return store;
  }

  private async write(store: AnnotationStore): Promise<void> {
    const result = await store.save();
    if (result.merged) void vscode.window.showInformationMessage(vscode.l10n.t('Annotations were changed on disk by another window; both sets of changes were kept.'));
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
