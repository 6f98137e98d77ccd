import * as path from 'node:path';
import * as vscode from 'vscode';
import { pdfPathFor } from '../core/pdf/pdfPath';
import type { DocumentText, PdfTextEngine } from '../core/pdf/textModel';
import { platformFiles } from '../core/platform/fileSystem';
import { pathOf, pathSetting } from './workspacePaths';
import type { CorpusService } from './corpusService';

/**
 * Where the papers' PDFs live and how their text is read. Search order: the `pdfFolder` setting, a `pdf/`
 * folder beside a person's own corpus, then the extension's global storage. New PDFs (download, attach)
 * go to the first of these. Text extraction runs off the host's event loop (`startEngine`: the PDF worker
 * pool on the desktop, a Blob-URL worker on the web) and is cached by sha256.
 */
export class PdfLibrary implements vscode.Disposable {
  private extractor?: PdfTextEngine;
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a paper id when its PDF was added or replaced. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly corpus: CorpusService,
    /** Starts the text engine on first use (never at activation). */
    private readonly startEngine: () => PdfTextEngine,
  ) {}

  folders(): string[] {
    const folders: string[] = [];
    const configured = pathSetting('pdfFolder');
    if (configured) folders.push(configured);
    const corpusRoot = this.corpus.root();
    if (corpusRoot !== this.corpus.bundledRoot()) folders.push(path.join(corpusRoot, 'pdf'));
    folders.push(path.join(pathOf(this.context.globalStorageUri), 'pdf'));
    return folders;
  }

  /** Where a downloaded or attached PDF is written. */
  targetFolder(): string {
    return this.folders()[0]!;
  }

  /** The PDF of a paper, if one is present in any of the folders (desktop only: the web has no synchronous look; use locate()). */
  find(paperId: string): string | undefined {
    const existsSync = platformFiles().existsSync;
    return existsSync && this.folders().map((folder) => pdfPathFor(folder, paperId)).find((file) => existsSync(file));
  }

  /** The PDF of a paper, if one is present in any of the folders, on any file system. */
  async locate(paperId: string): Promise<string | undefined> {
    for (const folder of this.folders()) {
      const file = pdfPathFor(folder, paperId);
      if ((await platformFiles().stat(file))?.kind === 'file') return file;
    }
    return undefined;
  }

  cacheDir(): string {
    return pathSetting('textCacheFolder') ?? path.join(pathOf(this.context.globalStorageUri), 'text-cache');
  }

  /** Text of a paper's PDF, from the cache or extracted off the extension host's event loop. */
  read(file: string): Promise<DocumentText> {
    return this.textExtractor().extract(file, { cacheDir: this.cacheDir() });
  }

  /** Text and bytes of a PDF read once: for a panel that shows the page the text was read from. */
  readWithBytes(file: string): Promise<{ document: DocumentText; data: Uint8Array }> {
    return this.textExtractor().extractWithBytes(file, { cacheDir: this.cacheDir() });
  }

  /** One worker-backed extractor for the whole extension, started on first use (never at activation). */
  textExtractor(): PdfTextEngine {
    this.extractor ??= this.startEngine();
    return this.extractor;
  }

  /** Tells views and panels that a paper's PDF changed (after a download or an attach). */
  announce(paperId: string): void {
    this.changed.fire(paperId);
  }

  dispose(): void {
    void this.extractor?.dispose();
    this.changed.dispose();
  }
}
