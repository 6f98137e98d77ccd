import { Worker } from 'node:worker_threads';
import type { PaperId } from '../corpus/model';
import type { IndexablePages, IndexReply, IndexRequest, WorkerSearchOptions } from './indexProtocol';
import type { Passage } from './passages';
import type { IndexedPaper, SearchHit } from './searchIndex';
import type { LexiconEntry } from '../corpus/model';

type Reply<T extends IndexReply['type']> = Extract<IndexReply, { type: T }>;
/** Requests as callers write them: the client numbers them. */
type Unnumbered<R> = R extends { id: number } ? Omit<R, 'id'> : R;

/**
 * The main thread's side of the search worker (dist/searchWorker.js): one worker for the client's life,
 * which owns the index. Only papers, queries and hits cross; each request's reply comes back by id.
 * Pure Node, so the extension, the bench and the unit tests share it.
 */
export class SearchWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: IndexReply) => void; reject: (error: Error) => void }>();
  private failure?: Error;

  constructor(
    workerScript: string,
    /** Sees every message both ways (tests check that the index never crosses). */
    private readonly tap?: (direction: 'request' | 'reply', message: IndexRequest | IndexReply) => void,
  ) {
    this.worker = new Worker(workerScript);
    this.worker.on('message', (reply: IndexReply) => {
      this.tap?.('reply', reply);
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.type === 'failed') waiter?.reject(new Error(reply.message));
      else waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the search worker exited with code ${code}`)));
  }

  private post(request: IndexRequest): void {
    this.tap?.('request', request);
    this.worker.postMessage(request);
  }

  private ask<T extends IndexReply['type']>(request: Unnumbered<Extract<IndexRequest, { id: number }>>): Promise<Reply<T>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<IndexReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ ...request, id } as IndexRequest);
    }) as Promise<Reply<T>>;
  }

  /** Loads the index kept in `file` (none: starts empty). A damaged or other-version file is reported and not used. */
  open(file?: string): Promise<Reply<'opened'>> {
    return this.ask<'opened'>({ type: 'open', file });
  }

  useLexicon(entries: readonly LexiconEntry[]): void {
    this.post({ type: 'lexicon', entries });
  }

  remove(papers: readonly PaperId[]): Promise<IndexedPaper[]> {
    return this.ask<'removed'>({ type: 'remove', papers }).then((reply) => reply.papers);
  }

  setPaper(paper: PaperId, content: { document?: IndexablePages; quotes: readonly Passage[]; quotesKey: string; pdfStamp?: string }): Promise<Reply<'indexed'>> {
    return this.ask<'indexed'>({ type: 'paper', paper, ...content });
  }

  save(): Promise<Reply<'saved'>> {
    return this.ask<'saved'>({ type: 'save' });
  }

  search(text: string, options: WorkerSearchOptions = {}): Promise<SearchHit[]> {
    return this.ask<'hits'>({ type: 'search', text, options }).then((reply) => reply.hits);
  }

  dispose(): Promise<number> {
    this.failure ??= new Error('the search worker was stopped');
    return this.worker.terminate();
  }
}
