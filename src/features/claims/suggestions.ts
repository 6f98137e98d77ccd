import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Corpus, PaperId } from '../../core/corpus/model';
// The search modules themselves, not core/search's index: this bundle (dist/lazy-evidenceSuggestions.js) then
// carries no PDF extractor of its own (the PDF library hands it page text).
import { buildSearchIndex, type IndexedPaper, type SearchHit, type SearchIndex } from '../../core/search/searchIndex';
import { pdfStampOf, quotesKeyOf, stalePapers, type PaperNow } from '../../core/search/indexPlan';
import { quotePassages, type Passage } from '../../core/search/passages';
import { SearchWorkerClient } from '../../core/search/workerClient';
import type { IndexablePages } from '../../core/search/indexProtocol';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';

class IndexingCancelled extends Error {}

interface PaperToIndex extends PaperNow {
  readonly file?: string;
}

/**
 * Passages that may back a piece of text: BM25 over the PDFs present (from the text cache, read in the
 * PDF worker) and the corpus's stored quotes. One long-lived search worker (dist/searchWorker.js) owns the
 * index: this side sends it papers and queries and keeps only what each paper was indexed from. The index
 * is kept in the extension's global storage (one file per corpus folder) and loaded by the worker at the
 * first suggestion, so a restart re-indexes only papers whose PDF (by size and mtime, then sha256) or
 * stored quotes changed. The first build shows cancellable progress.
 */
export class EvidenceSuggestions implements vscode.Disposable {
  private client?: SearchWorkerClient;
  /** The index file the worker opened (per corpus folder); another corpus folder opens another. */
  private openedFile?: string;
  /** What each paper in the worker's index was indexed from (ids, sha256, stamps): never the index itself. */
  private indexed = new Map<PaperId, IndexedPaper>();
  /** Papers whose PDF indexing the person cancelled: searched through their quotes until their PDF changes. */
  private readonly declined = new Set<PaperId>();
  /** Used when the worker failed: the stored quotes only, indexed here (small). */
  private fallback?: SearchIndex;
  private ready = false;
  private updating?: Promise<void>;
  private corpusChanged = false;
  private readonly changedPdfs = new Set<PaperId>();
  private log?: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly corpus: CorpusService,
    private readonly library: PdfLibrary,
    /** Where index files are kept (the extension's global storage); undefined: not kept. */
    private readonly storageDir: string | undefined,
    /** The worker bundle: searchWorker.js beside the extension bundle (dist/). */
    private readonly workerScript = join(__dirname, 'searchWorker.js'),
  ) {
    this.disposables = [corpus.onDidChange(() => (this.corpusChanged = true)), library.onDidChange((paper) => this.changedPdfs.add(paper))];
  }

  /** Suggestions with the words each matched (`matched`), for the picker to show why. */
  async suggest(text: string, top = 8): Promise<SearchHit[]> {
    await this.current();
    if (this.fallback) return this.fallback.search(text, { top, explain: true });
    return await this.client!.search(text, { top, explain: true });
  }

  /** True when a suggestion can be answered now, without building or updating the index first. */
  isReady(): boolean {
    return this.ready && !this.corpusChanged && this.changedPdfs.size === 0;
  }

  /** What the worker's index holds per paper (for tests and the bench: never the index itself). */
  indexedPapers(): IndexedPaper[] {
    return [...this.indexed.values()];
  }

  /** The index, brought up to date first; changes that arrive during an update get their own next one. */
  private async current(): Promise<void> {
    while (!this.isReady()) {
      this.updating ??= this.update().finally(() => (this.updating = undefined));
      await this.updating;
    }
  }

  private async update(): Promise<void> {
    const changed = new Set(this.changedPdfs);
    this.changedPdfs.clear();
    this.corpusChanged = false;
    const corpus = await this.corpus.get();
    try {
      const client = await this.opened();
      client.useLexicon(corpus.lexicon ?? []); // a lexicon edit changes queries, not the index
      for (const paper of changed) this.declined.delete(paper);
      const now = await this.papersNow(corpus);
      const plan = stalePapers([...this.indexed.values()], now, changed);
      const stale = new Set(plan.index.filter((paper) => !(this.declined.has(paper) && this.indexed.has(paper))));
      if (plan.remove.length > 0) this.indexed = new Map((await client.remove(plan.remove)).map((paper) => [paper.id, paper]));
      const papers = now.filter((paper) => stale.has(paper.paper));
      if (papers.length > 0) {
        // Reading many PDFs (a first build, or a folder of new ones) shows progress and can be cancelled.
        const pdfs = papers.filter((paper) => paper.file).length;
        await (pdfs > 0 && (this.indexed.size === 0 || pdfs > 3) ? this.firstBuild(client, papers) : this.feed(client, papers));
      }
      if (papers.length > 0 || plan.remove.length > 0) void client.save().catch((error: unknown) => this.logError('Keeping the search index failed; it is rebuilt at the next start.', error));
      this.fallback = undefined;
    } catch (error) {
      this.logError('Indexing PDFs failed; suggestions come from stored quotes only.', error);
      this.fallback = buildSearchIndex(corpus);
    }
    this.ready = true;
  }

  /** The worker, started on first use with the index kept for this corpus folder (one file per folder). */
  private async opened(): Promise<SearchWorkerClient> {
    this.client ??= new SearchWorkerClient(this.workerScript);
    const file = this.storageDir && join(this.storageDir, 'search-index', `${createHash('sha256').update(this.corpus.root()).digest('hex').slice(0, 16)}.lcsi`);
    if (this.openedFile === undefined || (file ?? '') !== this.openedFile) {
      const reply = await this.client.open(file);
      if (reply.problem) this.logError(`${file}: ${reply.problem}`);
      this.openedFile = file ?? '';
      this.indexed = new Map(reply.papers.map((paper) => [paper.id, paper]));
    }
    return this.client;
  }

  /** Every paper of the corpus as it is now: its quotes and their key, and its PDF's stamp (a stat, no read). */
  private async papersNow(corpus: Corpus): Promise<PaperToIndex[]> {
    const quotes = new Map<PaperId, Passage[]>();
    for (const quote of quotePassages(corpus)) {
      if (quotes.has(quote.paper)) quotes.get(quote.paper)!.push(quote);
      else quotes.set(quote.paper, [quote]);
    }
    return Promise.all(
      [...corpus.papers.keys()].map(async (paper) => {
        const file = this.library.find(paper);
        const stats = file ? await stat(file).catch(() => undefined) : undefined;
        const own = quotes.get(paper) ?? [];
        return { paper, quotes: own, quotesKey: quotesKeyOf(own), file: stats && file, pdfStamp: stats && pdfStampOf(stats) };
      }),
    );
  }

  /** The first build can take a while on a large library: per-paper progress, and a way out. */
  private async firstBuild(client: SearchWorkerClient, papers: readonly PaperToIndex[]): Promise<void> {
    const title = vscode.l10n.t('Indexing PDFs for evidence suggestions');
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true, title }, (progress, token) =>
        this.feed(client, papers, token, (done, total) => progress.report({ increment: 100 / total, message: `${done}/${total}` })),
      );
    } catch (error) {
      if (!(error instanceof IndexingCancelled)) throw error;
      // The papers not reached are searched through their stored quotes, until their PDF changes.
      const left = papers.filter((paper) => !this.indexed.has(paper.paper) || this.indexed.get(paper.paper)!.pdfStamp !== paper.pdfStamp);
      for (const paper of left) this.declined.add(paper.paper);
      await this.feed(client, left.map(({ file: _file, pdfStamp: _stamp, ...paper }) => paper));
      void vscode.window.showInformationMessage(vscode.l10n.t('Indexing cancelled: evidence suggestions come from stored quotes only; a PDF added or replaced later is indexed.'));
    }
  }

  /** Sends the papers to the worker as their text is read: reading the next overlaps indexing this one. */
  private async feed(client: SearchWorkerClient, papers: readonly PaperToIndex[], token?: vscode.CancellationToken, onProgress?: (done: number, total: number) => void): Promise<void> {
    let done = 0;
    const sent: Promise<void>[] = [];
    for (const paper of papers) {
      if (token?.isCancellationRequested) break;
      const document = paper.file ? await this.pages(paper.file) : undefined;
      const { quotes, quotesKey } = paper;
      sent.push(
        client.setPaper(paper.paper, { document, quotes, quotesKey, pdfStamp: paper.pdfStamp }).then((reply) => {
          this.indexed.set(reply.paper.id, reply.paper);
          onProgress?.(++done, papers.length);
        }),
      );
    }
    await Promise.all(sent);
    if (token?.isCancellationRequested) throw new IndexingCancelled();
  }

  /** A paper's PDF text (cache or PDF worker). An unreadable PDF only loses its own passages, not its quotes. */
  private async pages(file: string): Promise<IndexablePages | undefined> {
    const document = await this.library.read(file).catch(() => undefined);
    return document && { sha256: document.sha256, pages: document.pages.map(({ page, text }) => ({ page, text })) };
  }

  private logError(message: string, error?: unknown): void {
    this.log ??= vscode.window.createOutputChannel(vscode.l10n.t('Literature Companion: Search'), { log: true });
    this.log.error(error === undefined ? message : `${message} ${(error as Error).stack ?? String(error)}`);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.log?.dispose();
    void this.client?.dispose();
  }
}
