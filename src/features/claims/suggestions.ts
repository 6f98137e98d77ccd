import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Corpus, PaperId } from '../../core/corpus/model';
import { buildSearchIndex, deserializeSearchIndex, Lexicon, quotePassages, type IndexedPaper, type Passage, type SearchHit, type SearchIndex, type SerializedSearchIndex } from '../../core/search';
import type { IndexablePages, IndexReply, IndexRequest } from '../../core/search/indexProtocol';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';

/** What one worker run indexes: papers to drop, papers to (re-)index, on top of `base` (none: from scratch). */
interface IndexPlan {
  readonly base?: SerializedSearchIndex;
  readonly indexed: ReadonlyMap<PaperId, IndexedPaper>;
  readonly remove: PaperId[];
  readonly papers: PaperId[];
  readonly quotes: ReadonlyMap<PaperId, Passage[]>;
}

interface RunOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly token?: vscode.CancellationToken;
}

class IndexingCancelled extends Error {}

const quoteKey = (quotes: readonly Passage[] | undefined) => JSON.stringify(quotes ?? []);

/**
 * Passages that may back a piece of text: BM25 over the PDFs present (from the text cache, read in the
 * PDF worker) and the corpus's stored quotes. Tokenising and indexing run in a worker thread
 * (dist/searchWorker.js), never on the extension host's event loop. The first build shows cancellable
 * progress; afterwards only papers whose PDF (by sha256) or stored quotes changed are re-indexed.
 */
export class EvidenceSuggestions implements vscode.Disposable {
  private index?: SearchIndex;
  /** The worker's reply the index was made from: the next update's base, so the main thread never serializes. */
  private serialized?: SerializedSearchIndex;
  private updating?: Promise<void>;
  private corpusChanged = false;
  private readonly changedPdfs = new Set<PaperId>();
  /** The quotes each paper was indexed with, so a corpus change re-indexes only papers whose quotes changed. */
  private indexedQuotes = new Map<PaperId, string>();
  private log?: vscode.LogOutputChannel;
  private worker?: Worker;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly corpus: CorpusService,
    private readonly library: PdfLibrary,
    /** The worker bundle: searchWorker.js beside the extension bundle (dist/). */
    private readonly workerScript = join(__dirname, 'searchWorker.js'),
  ) {
    this.disposables = [corpus.onDidChange(() => (this.corpusChanged = true)), library.onDidChange((paper) => this.changedPdfs.add(paper))];
  }

  /** Suggestions with the words each matched (`matched`), for the picker to show why. */
  async suggest(text: string, top = 8): Promise<SearchHit[]> {
    return (await this.current()).search(text, { top, explain: true });
  }

  /** True when a suggestion can be answered now, without building or updating the index first. */
  isReady(): boolean {
    return !!this.index && !this.corpusChanged && this.changedPdfs.size === 0;
  }

  /** The index, brought up to date first; changes that arrive during an update get their own next one. */
  private async current(): Promise<SearchIndex> {
    while (!this.index || this.corpusChanged || this.changedPdfs.size > 0) {
      this.updating ??= this.update().finally(() => (this.updating = undefined));
      await this.updating;
    }
    return this.index;
  }

  private async update(): Promise<void> {
    const first = !this.index;
    const changed = new Set(this.changedPdfs);
    this.changedPdfs.clear();
    this.corpusChanged = false;
    const corpus = await this.corpus.get();
    const plan = this.plan(corpus, changed);
    if (plan.papers.length === 0 && plan.remove.length === 0) {
      this.index ??= buildSearchIndex(corpus); // an empty corpus: nothing to index, but suggest() needs an index
      this.index.useLexicon(new Lexicon(corpus.lexicon ?? [])); // a lexicon edit changes queries, not the index
      return;
    }
    try {
      const serialized = await (first ? this.firstBuild(plan) : this.runWorker(plan));
      const index = deserializeSearchIndex(serialized);
      if (!index) throw new Error('the search worker sent an index of another version');
      index.useLexicon(new Lexicon(corpus.lexicon ?? []));
      [this.index, this.serialized] = [index, serialized];
    } catch (error) {
      this.serialized = undefined;
      this.index = this.quotesOnly(corpus, error);
    }
    this.indexedQuotes = new Map([...corpus.papers.keys()].map((paper) => [paper, quoteKey(plan.quotes.get(paper))]));
  }

  /** Papers that are new, gone, had their PDF added or replaced, or whose stored quotes changed. */
  private plan(corpus: Corpus, changedPdfs: ReadonlySet<PaperId>): IndexPlan {
    const quotes = new Map<PaperId, Passage[]>();
    for (const quote of quotePassages(corpus)) {
      if (quotes.has(quote.paper)) quotes.get(quote.paper)!.push(quote);
      else quotes.set(quote.paper, [quote]);
    }
    const indexed = new Map(this.index?.papers().map((paper) => [paper.id, paper]));
    const papers = [...corpus.papers.keys()].filter((paper) => !indexed.has(paper) || changedPdfs.has(paper) || this.indexedQuotes.get(paper) !== quoteKey(quotes.get(paper)));
    const remove = [...indexed.keys()].filter((paper) => !corpus.papers.has(paper));
    // After a fallback there is no worker reply to start from; the quotes-only index is small to serialize.
    return { base: this.serialized ?? this.index?.serialize(), indexed, remove, papers, quotes };
  }

  /** The first build can take a while on a large library: per-paper progress, and a way out. */
  private async firstBuild(plan: IndexPlan): Promise<SerializedSearchIndex> {
    const title = vscode.l10n.t('Indexing PDFs for evidence suggestions');
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true, title }, (progress, token) =>
      this.runWorker(plan, { token, onProgress: (done, total) => progress.report({ increment: 100 / total, message: `${done}/${total}` }) }),
    );
  }

  /** Starts a worker, streams it the plan's papers as their text is read, and takes back the index. */
  private runWorker(plan: IndexPlan, options: RunOptions = {}): Promise<SerializedSearchIndex> {
    const worker = (this.worker = new Worker(this.workerScript));
    const finished = new Promise<SerializedSearchIndex>((resolve, reject) => {
      worker.on('message', (reply: IndexReply) => {
        if (reply.type === 'progress') options.onProgress?.(reply.done, reply.total);
        else if (reply.type === 'failed') reject(new Error(reply.message));
        else resolve(reply.index);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the search worker exited with code ${code}`)));
      options.token?.onCancellationRequested(() => reject(new IndexingCancelled()));
      this.feed(worker, plan, options.token).catch(reject);
    });
    // Done, failed or cancelled, the worker (and its copy of the index) goes: nothing runs after cancel.
    return finished.finally(() => {
      if (this.worker === worker) this.worker = undefined;
      void worker.terminate();
    });
  }

  private async feed(worker: Worker, plan: IndexPlan, token?: vscode.CancellationToken): Promise<void> {
    const post = (request: IndexRequest) => worker.postMessage(request);
    // The base travels serialized: the worker re-tokenises only the papers posted after it.
    post({ type: 'start', base: plan.base, remove: plan.remove, total: plan.papers.length });
    for (const paper of plan.papers) {
      if (token?.isCancellationRequested) return;
      const document = await this.pages(paper);
      const quotes = plan.quotes.get(paper) ?? [];
      if (!this.unchanged(plan.indexed.get(paper), document, quotes)) post({ type: 'paper', paper, document, quotes });
    }
    post({ type: 'finish' });
  }

  /** A PDF announced as changed whose bytes (sha256) and quotes are what was indexed needs no work. */
  private unchanged(indexed: IndexedPaper | undefined, document: IndexablePages | undefined, quotes: readonly Passage[]): boolean {
    return !!indexed && indexed.pdfSha256 === document?.sha256 && this.indexedQuotes.get(indexed.id) === quoteKey(quotes);
  }

  /** A paper's PDF text (cache or PDF worker). An unreadable PDF only loses its own passages, not its quotes. */
  private async pages(paper: PaperId): Promise<IndexablePages | undefined> {
    const file = this.library.find(paper);
    const document = file ? await this.library.read(file).catch(() => undefined) : undefined;
    return document && { sha256: document.sha256, pages: document.pages.map(({ page, text }) => ({ page, text })) };
  }

  /** The fallback: stored quotes only (small, so indexed here). Said in a notification when the person cancelled. */
  private quotesOnly(corpus: Corpus, error: unknown): SearchIndex {
    if (error instanceof IndexingCancelled) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Indexing cancelled: evidence suggestions come from stored quotes only; a PDF added or replaced later is indexed.'));
    } else {
      this.log ??= vscode.window.createOutputChannel(vscode.l10n.t('Literature Companion: Search'), { log: true });
      this.log.error(`Indexing PDFs failed; suggestions come from stored quotes only. ${(error as Error).stack ?? String(error)}`);
    }
    return buildSearchIndex(corpus);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.log?.dispose();
    void this.worker?.terminate();
  }
}
