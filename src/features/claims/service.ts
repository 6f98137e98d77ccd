import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Annotation } from '../../core/annotations/model';
import { annotationFileFor, AnnotationStore, documentKey, governingAnnotationFile, workspaceRootOf } from '../../core/annotations/store';
import { formatClaimProblem, loadClaimsFolder, type ClaimFolder, type ClaimSet } from '../../core/claims';
import { annotatedClaimsIn, bundledClaimsIn, mergeClaims, type DocumentClaims } from '../../core/claims/documentClaims';
import type { CorpusService } from '../../services/corpusService';
import { platformFiles } from '../../core/platform/fileSystem';
import { localFolderOf, localWorkspaceFolder, pathOf, uriOfPath } from '../../services/workspacePaths';

/**
 * The claims of open documents: the claims of the corpus's talks (read-only, from `<corpus>/claims/*.yaml`;
 * the bundled talk's when no corpus is set) and the person's own annotations,
 * stored as W3C Web Annotations in the `.literature/annotations.json` that governs the document (the
 * nearest one above it within its workspace folder, else the workspace folder's: the same rule `lint`
 * uses). Each store is opened on first use; its file is never overwritten when it cannot be read.
 */
export class ClaimsService implements vscode.Disposable {
  private bundled?: Promise<ClaimFolder>;
  /** Open annotation stores by file: a talk in a sub-folder with its own `.literature/` has its own. */
  private readonly stores = new Map<string, Promise<AnnotationStore>>();
  private readonly cache = new Map<string, { version: number; claims: DocumentClaims }>();
  /** Bumped by every invalidation: a result computed from claims read before it is not cached. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when annotations change (added, edited, removed, or the file changed on disk). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * Where files cannot be checked synchronously (the web), the workspace's annotation files as found and
   * watched, so a talk in a sub-folder with its own `.literature/` is governed by it there too.
   */
  private readonly knownAnnotationFiles?: { readonly files: Set<string>; readonly ready: Promise<void> };
  private reportedProblems = '';
  private reportedClaimProblems = '';
  /** Watcher events handled so far, and how many were this window's own save coming back (skipped). */
  readonly fileEvents = { handled: 0, ownEchoes: 0 };

  constructor(
    private readonly extensionPath: string,
    private readonly corpus: CorpusService,
  ) {
    if (!platformFiles().existsSync) this.knownAnnotationFiles = this.watchAnnotationFiles();
    this.disposables.push(
      corpus.onDidChange(() => {
        // A reload (another corpus, or a changed claims file) reads the claims again.
        this.bundled = undefined;
        this.invalidate();
      }),
    );
  }

  private workspaceRoot(): string | undefined {
    return localWorkspaceFolder();
  }

  /** The claims of the corpus's `claims/` folder, loaded against the corpus they cite. */
  bundledClaims(): Promise<ClaimFolder> {
    this.bundled ??= this.corpus.get().then(async (corpus) => {
      // A claims file's `talk:` may point into the corpus, the workspace, or (bundled talk) the extension.
      const talkWithin = [corpus.root, this.extensionPath, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => localFolderOf(folder.uri)).filter((folder) => folder !== undefined).map((folder) => pathOf(folder.uri))];
      const folder = await loadClaimsFolder(path.join(corpus.root, 'claims'), corpus, { talkWithin });
      this.reportClaimProblems(folder);
      return folder;
    });
    return this.bundled;
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
        void vscode.window.showTextDocument(uriOfPath(first.file), { selection: new vscode.Range(line, 0, line, 0) });
      });
  }

  /** The workspace folder's own annotation store, or undefined without a local workspace folder. */
  annotations(): Promise<AnnotationStore | undefined> {
    const root = this.workspaceRoot();
    return root ? this.storeAt(annotationFileFor(root)) : Promise.resolve(undefined);
  }

  /** The annotation file that governs a document (core's rule), or undefined outside a local workspace folder. */
  annotationFileOf(uri: vscode.Uri): string | undefined {
    const folder = localFolderOf(uri);
    const known = this.knownAnnotationFiles?.files;
    return folder ? governingAnnotationFile(pathOf(uri), pathOf(folder.uri), undefined, known && ((file) => known.has(file))) : undefined;
  }

  private watchAnnotationFiles(): { files: Set<string>; ready: Promise<void> } {
    const files = new Set<string>();
    const pattern = '**/.literature/annotations.json';
    const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, true, false);
    watcher.onDidCreate((uri) => {
      files.add(pathOf(uri));
      this.invalidate();
    });
    watcher.onDidDelete((uri) => {
      if (files.delete(pathOf(uri))) this.invalidate();
    });
    this.disposables.push(watcher);
    const ready = Promise.resolve(vscode.workspace.findFiles(pattern)).then((found) => {
      for (const uri of found) files.add(pathOf(uri));
      if (found.length > 0) this.invalidate();
    }, () => undefined);
    return { files, ready };
  }

  /** The store holding a document's annotations. */
  async storeFor(uri: vscode.Uri): Promise<AnnotationStore | undefined> {
    await this.knownAnnotationFiles?.ready;
    const file = this.annotationFileOf(uri);
    return file ? this.storeAt(file) : undefined;
  }

  private storeAt(file: string): Promise<AnnotationStore> {
    let store = this.stores.get(file);
    if (!store) {
      // A failure is not kept: the next call tries again (the person may have fixed the file meanwhile).
      store = this.openStore(file).catch((error: unknown) => {
        this.stores.delete(file);
        throw error;
      });
      this.stores.set(file, store);
    }
    return store;
  }

  /** The open store that holds annotation `id`, if any. */
  private async storeHolding(id: string): Promise<AnnotationStore | undefined> {
    for (const pending of this.stores.values()) {
      const store = await pending.catch(() => undefined);
      if (store?.get(id)) return store;
    }
    return undefined;
  }

  private async openStore(file: string): Promise<AnnotationStore> {
    // An untrusted workspace's files must not make the extension write: its annotations are read, never backed up.
    const store = await AnnotationStore.open(file, { backups: () => vscode.workspace.isTrusted });
    this.reportProblems(store);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uriOfPath(path.dirname(file)), path.basename(file)));
    // Also fires after this window's own saves: the store then sees its own bytes (by sha256) and reads
    // nothing, and nothing is refreshed a second time.
    const reload = () => this.reload(store);
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    this.disposables.push(watcher);
    return store;
  }

  private async reload(store: AnnotationStore): Promise<void> {
    let changed = true;
    try {
      changed = await store.reload();
    } catch (error) {
      store.problems = [`${store.file}: ${(error as Error).message}`];
    }
    this.fileEvents.handled++;
    if (!changed) {
      this.fileEvents.ownEchoes++;
      return;
    }
    this.reportProblems(store);
    this.invalidate();
  }

  private reportProblems(store: AnnotationStore): void {
    const text = store.problems.join('\n');
    if (text === this.reportedProblems) return;
    this.reportedProblems = text;
    if (!text) return;
    const unreadable = store.unreadableError;
    const open = vscode.l10n.t('Open the File');
    const retry = vscode.l10n.t('Read It Again');
    // A refused file may be a link to /etc/passwd or a device: never offer to open that one.
    const actions = unreadable?.kind === 'refused' || unreadable?.kind === 'too-large' ? [retry] : unreadable ? [open, retry] : [open];
    const message = unreadable
      ? vscode.l10n.t("Literature Companion: {0} Your own claims from this file are hidden until it is fixed; the bundled talk's claims still show.", store.problems[0]!)
      : vscode.l10n.t('Literature Companion: {0}', store.problems[0]!);
    void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uriOfPath(store.file));
      if (choice === retry) {
        this.reportedProblems = '';
        void this.reload(store);
      }
    });
  }

  /** The key under which a document's annotations are stored (relative to the folder holding its `.literature/`). */
  documentKey(document: vscode.TextDocument): string | undefined {
    const file = this.annotationFileOf(document.uri);
    return file && documentKey(workspaceRootOf(file), pathOf(document.uri));
  }

  /** Claims of a document at its current version (cached per version). */
  async claimsOf(document: vscode.TextDocument): Promise<DocumentClaims> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.claims;
    const text = document.getText();
    const generation = this.generation;
    // The person's annotation file failing must not take the bundled talk's claims with it.
    const [bundled, store, corpus] = await Promise.all([this.bundledClaims(), this.storeFor(document.uri).catch(() => undefined), this.corpus.get()]);
    const isTalkOf = (set: ClaimSet) => set.talk !== undefined && path.basename(set.talk) === path.basename(pathOf(document.uri));
    const storeKey = this.documentKey(document);
    const own = store && storeKey ? store.list(storeKey) : [];
    const claims = mergeClaims(...bundled.sets.map((set) => bundledClaimsIn(text, set.claims, isTalkOf(set))), annotatedClaimsIn(text, own, corpus));
    // A corpus switch while this ran (another corpus, another claims folder) makes the result stale.
    if (generation === this.generation) this.cache.set(key, { version: document.version, claims });
    return claims;
  }

  /**
   * Adds or replaces an annotation and writes the file (atomically; merged if another window wrote it):
   * a new annotation goes to the file governing `document`; an edited one stays in the file that holds it.
   */
  async save(annotation: Annotation, document?: vscode.Uri): Promise<void> {
    const store = (await this.storeHolding(annotation.id)) ?? (document ? await this.storeFor(document) : await this.annotations());
    if (!store) throw new Error(vscode.l10n.t('Open a folder first: annotations are stored in the workspace (.literature/annotations.json).'));
    store.upsert(annotation);
    await this.write(store);
  }

  async remove(id: string): Promise<boolean> {
    const store = await this.storeHolding(id);
    const removed = store?.remove(id) ?? false;
    if (store && removed) await this.write(store);
    return removed;
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
