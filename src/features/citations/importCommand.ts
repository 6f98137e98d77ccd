import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImportProblem } from '../../core/citations';
import type { CorpusService } from '../../services/corpusService';

/** Optional argument of `literatureCompanion.importBibliography`, for tests and automation: no dialogs. */
export interface ImportBibliographyOptions {
  /** The BibTeX or CSL-JSON file to read. */
  readonly file?: string;
  /** The corpus folder to write `papers/<id>.md` into; without it, the `corpusPath` setting (or a folder asked for). */
  readonly target?: string;
}

export interface ImportBibliographyResult {
  readonly status: 'imported' | 'cancelled' | 'failed';
  /** Paper files written. */
  readonly written?: string[];
  /** Entries not imported, each with its line in the imported file. */
  readonly problems?: ImportProblem[];
  readonly target?: string;
  readonly error?: string;
}

/**
 * "Import Papers from BibTeX / CSL-JSON…": the good entries become paper files in the person's own corpus
 * folder, the bad ones are listed with their lines; an existing paper file is never overwritten, and the
 * extension's bundled `sources/` is never written to.
 */
export class BibliographyImporter implements vscode.Disposable {
  private channel?: vscode.OutputChannel;

  constructor(
    private readonly corpus: CorpusService,
    private readonly bundledSources: string,
  ) {}

  async run(argument?: unknown): Promise<ImportBibliographyResult> {
    const options: ImportBibliographyOptions = typeof argument === 'object' && argument !== null ? (argument as ImportBibliographyOptions) : {};
    const file = options.file ?? (await this.pickFile());
    if (!file) return { status: 'cancelled' };
    const own = options.target ? { folder: options.target, chosen: false } : await this.ownCorpusFolder();
    if (!own) return { status: 'cancelled' };
    const target = own.folder;
    if (isInside(target, this.bundledSources)) return this.fail(vscode.l10n.t('{0} is the corpus bundled with the extension; import into a folder of your own (set "literatureCompanion.corpusPath").', target));

    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return this.fail(vscode.l10n.t('Could not read {0}: {1}.', file, (error as Error).message));
    }
    // The BibTeX parser is a megabyte of code: it loads on the first import, not with the extension.
    const { formatImportProblem, parseBibliography, writeImportedPapers } = loadImporter();
    const parsed = parseBibliography(text, file);
    let written: string[];
    let skipped: ImportProblem[];
    try {
      ({ written, problems: skipped } = await writeImportedPapers(target, parsed.papers, file));
    } catch (error) {
      return this.fail(vscode.l10n.t('Could not write paper files into {0}: {1}. Check that the folder is writable.', target, (error as Error).message));
    }
    const problems = [...parsed.problems, ...skipped].sort((a, b) => a.line - b.line);
    this.report(file, target, written, problems.map(formatImportProblem));
    await this.corpus.reload();
    // Asked after the import, not before it: an unanswered notification must not hold the import up.
    if (own.chosen) void this.offerSetting(target);
    return { status: 'imported', written, problems, target };
  }

  private report(file: string, target: string, written: string[], problems: string[]): void {
    this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Literature Companion: Import'));
    const channel = this.channel;
    channel.appendLine(vscode.l10n.t('Import of {0} into {1}', file, path.join(target, 'papers')));
    for (const paper of written) channel.appendLine(`  + ${paper}`);
    for (const problem of problems) channel.appendLine(`  ! ${problem}`);
    channel.appendLine('');
    const summary = vscode.l10n.t('Imported {0} paper(s) from {1} into {2}.', written.length, path.basename(file), path.join(target, 'papers'));
    if (problems.length === 0) {
      void vscode.window.showInformationMessage(summary);
      return;
    }
    const show = vscode.l10n.t('Show Details');
    void vscode.window
      .showWarningMessage(`${summary} ${vscode.l10n.t('{0} entr(ies) not imported; first: {1}', problems.length, problems[0]!)}`, show)
      .then((choice) => choice === show && channel.show(true));
  }

  private fail(message: string): ImportBibliographyResult {
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', error: message };
  }

  private async pickFile(): Promise<string | undefined> {
    const chosen = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Papers from BibTeX / CSL-JSON'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Bibliographies')]: ['bib', 'bibtex', 'json'] },
      openLabel: vscode.l10n.t('Import'),
    });
    return chosen?.[0]?.fsPath;
  }

  /** The `corpusPath` setting when it names a folder of one's own; otherwise a folder asked for. */
  private async ownCorpusFolder(): Promise<{ folder: string; chosen: boolean } | undefined> {
    const configured = vscode.workspace.getConfiguration('literatureCompanion').get<string>('corpusPath', '').trim();
    const root = this.corpus.root();
    if (configured && !isInside(root, this.bundledSources)) return { folder: root, chosen: false };
    const chosen = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Choose a folder for your own corpus (paper files go into its papers/ folder)'),
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Use as My Corpus'),
    });
    const folder = chosen?.[0]?.fsPath;
    return folder ? { folder, chosen: true } : undefined;
  }

  /** Offers to make the chosen folder the corpus shown, through the `corpusPath` setting. */
  private async offerSetting(folder: string): Promise<void> {
    const workspace = vscode.workspace.workspaceFolders?.length ? vscode.l10n.t('Set for This Workspace') : undefined;
    const user = vscode.l10n.t('Set for All Workspaces');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Show {0} as the corpus from now on? This sets "literatureCompanion.corpusPath".', folder),
      ...[workspace, user].filter((x): x is string => !!x),
    );
    if (answer) await vscode.workspace.getConfiguration('literatureCompanion').update('corpusPath', folder, answer === user ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

type Importer = typeof import('../../core/citations/import');

/**
 * The BibTeX parser is ~1 MB bundled: it lives in its own bundle (dist/bibliographyImport.js, see
 * esbuild.mjs) and is required on the first import only, so activation never pays for it.
 */
function loadImporter(): Importer {
  // A computed path keeps esbuild from inlining the module into the activation bundle.
  return require(require('node:path').join(__dirname, 'bibliographyImport.js')) as Importer;
}
