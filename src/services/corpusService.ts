import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCorpus } from '../core/corpus/load';
import { formatProblem, type Corpus } from '../core/corpus/model';
import { KeptCorpusCache, readCorpusSnapshot } from '../core/corpus/snapshot';
import { cacheKey } from '../core/pdf/textCache';
import { pathSetting } from './workspacePaths';

/**
 * Owns the loaded corpus: loads it lazily (never during activation), reloads on file changes, and reports
 * broken files in the Problems panel with their line, so a person can jump straight to the mistake.
 */
export class CorpusService implements vscode.Disposable {
  private current?: Promise<Corpus>;
  private readonly changed = new vscode.EventEmitter<Corpus>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('literatureCompanion.corpus');
  private watcher?: vscode.FileSystemWatcher;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private warnedFor = '';
  /** Files parsed before: the bundled corpus at build time, a person's own in an earlier session. Read once. */
  private prevalidated?: Promise<KeptCorpusCache | Awaited<ReturnType<typeof readCorpusSnapshot>>>;
  private saveTimer?: ReturnType<typeof setTimeout>;

  /** `storagePath`: the extension's global storage, where a person's own corpus is kept parsed between sessions. */
  constructor(
    private readonly extensionPath: string,
    private readonly storagePath?: string,
  ) {}

  /** The corpus folder: the setting when given (and allowed), otherwise the bundled `sources/`. */
  root(): string {
    return pathSetting('corpusPath') ?? this.bundledRoot();
  }

  /** The bundled corpus ships inside the extension: read-only, replaced on every update. */
  isBundled(): boolean {
    return this.root() === this.bundledRoot();
  }

  bundledRoot(): string {
    return path.join(this.extensionPath, 'sources');
  }

  get(): Promise<Corpus> {
    this.current ??= this.load();
    return this.current;
  }

  reload(): Promise<Corpus> {
    this.current = this.load();
    return this.current;
  }

  private async load(): Promise<Corpus> {
    const root = this.root();
    this.prevalidated ??= this.readPrevalidated();
    const prevalidated = await this.prevalidated;
    clearTimeout(this.saveTimer);
    if (prevalidated instanceof KeptCorpusCache) prevalidated.startLoad();
    const corpus = await loadCorpus(root, { baseLexicon: path.join(this.extensionPath, 'sources', 'lexicon'), prevalidated });
    // Kept a little later, off the way of the first tree (a 500-paper corpus is some 5 MB of JSON).
    if (prevalidated instanceof KeptCorpusCache && prevalidated.worthSaving) this.saveTimer = setTimeout(() => void prevalidated.save().catch(() => undefined), 3000);
    this.watch(root);
    this.report(corpus);
    this.changed.fire(corpus);
    return corpus;
  }

  private async readPrevalidated(): Promise<KeptCorpusCache | Awaited<ReturnType<typeof readCorpusSnapshot>>> {
    const bundled = await readCorpusSnapshot(path.join(this.extensionPath, 'dist', 'corpus-snapshot.json'));
    if (!this.storagePath) return bundled;
    try {
      // Tied to this very build: another one may parse files differently.
      const build = `${(await stat(__filename)).mtimeMs}:${__filename}`;
      return await KeptCorpusCache.open(path.join(this.storagePath, 'corpus-cache.json'), await cacheKey(), build, bundled);
    } catch {
      return bundled; // no key can be made (read-only home): the own corpus is parsed each session
    }
  }

  private watch(root: string): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '{papers,taxonomy,evidence,lexicon,claims}/*'));
    const schedule = () => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload(), 200);
    };
    this.watcher.onDidChange(schedule);
    this.watcher.onDidCreate(schedule);
    this.watcher.onDidDelete(schedule);
  }

  private report(corpus: Corpus): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of corpus.problems) {
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const message = problem.field ? `${problem.field}: ${problem.message}` : problem.message;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, 1000), message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Literature Companion';
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);

    const summary = corpus.problems.map(formatProblem).join('\n');
    if (corpus.problems.length > 0 && summary !== this.warnedFor) {
      this.warnedFor = summary;
      const first = corpus.problems[0]!;
      const show = vscode.l10n.t('Show Problems');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('Literature Companion: {0} corpus problem(s). First: {1}. The rest of the corpus loaded; broken items are marked in the sidebar.', corpus.problems.length, formatProblem(first)),
          show,
        )
        .then((choice) => choice === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
    }
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    clearTimeout(this.saveTimer);
    this.watcher?.dispose();
    this.diagnostics.dispose();
    this.changed.dispose();
  }
}
