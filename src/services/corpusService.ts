import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCorpus } from '../core/corpus/load';
import { formatProblem, type Corpus } from '../core/corpus/model';
import { pathSetting, uriOfPath } from './workspacePaths';

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

  constructor(private readonly extensionPath: string) {}

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
    const corpus = await loadCorpus(root, { baseLexicon: path.join(this.extensionPath, 'sources', 'lexicon') });
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
    this.watcher?.dispose();
    this.diagnostics.dispose();
    this.changed.dispose();
  }
}
