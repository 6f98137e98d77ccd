import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCorpus } from '../core/corpus/load';
import { formatProblem, type Corpus } from '../core/corpus/model';
import type { Prevalidated } from '../core/corpus/load';
import type { KeptCorpusCache } from '../core/corpus/snapshot';
import { pathSetting, uriOfPath } from './workspacePaths';

/**
 * Files parsed before, handed in by the entry point: on the desktop the bundled corpus's build-time snapshot
 * and a person's own corpus kept from an earlier session (services/keptCorpus.ts, Node only); on the web none.
 */
export type PrevalidatedFiles = Prevalidated | KeptCorpusCache;

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
  /** Files parsed before (see PrevalidatedFiles), asked for once. */
  private prevalidated?: Promise<PrevalidatedFiles | undefined>;
  private saveTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly extensionPath: string,
    private readonly readPrevalidated: () => Promise<PrevalidatedFiles | undefined> = async () => undefined,
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
    if (prevalidated && isKept(prevalidated)) prevalidated.startLoad();
    const corpus = await loadCorpus(root, { baseLexicon: path.join(this.extensionPath, 'sources', 'lexicon'), prevalidated });
    // Kept a second later, once the first rows are drawn (a 500-paper corpus is some 5 MB of JSON).
    if (prevalidated && isKept(prevalidated) && prevalidated.worthSaving) this.saveTimer = setTimeout(() => void prevalidated.save().catch(() => undefined), 1000);
    this.watch(root);
    this.report(corpus);
    this.changed.fire(corpus);
    return corpus;
  }

  private watch(root: string): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uriOfPath(root), '{papers,taxonomy,evidence,lexicon,claims}/*'));
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
    for (const [file, list] of byFile) this.diagnostics.set(uriOfPath(file), list);

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

function isKept(files: PrevalidatedFiles): files is KeptCorpusCache {
  return 'startLoad' in files;
}
