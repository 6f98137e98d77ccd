/**
 * The search worker (bundled alone as dist/searchWorker.js): one long-lived worker_thread that owns the
 * index. It tokenises and indexes papers, answers queries, and keeps the index in a compact file, so the
 * extension host never holds, copies or (de)serializes the index. `SearchWorkerState` is the pure part,
 * used directly by the unit tests.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { IndexReply, IndexRequest } from './indexProtocol';
import { IndexFileError } from './indexFile';
import { Lexicon } from './lexicon';
import { SearchIndex } from './searchIndex';

export class SearchWorkerState {
  private index = new SearchIndex();
  private file?: string;
  /** Changed since it was loaded or saved: a save writes only then. */
  private dirty = false;

  handle(request: IndexRequest): IndexReply | undefined {
    try {
      return this.step(request);
    } catch (error) {
      return { type: 'failed', id: 'id' in request ? request.id : -1, message: (error as Error).stack ?? String(error) };
    }
  }

  private step(request: IndexRequest): IndexReply | undefined {
    switch (request.type) {
      case 'open':
        return this.open(request.id, request.file);
      case 'lexicon':
        this.index.useLexicon(new Lexicon(request.entries));
        return undefined;
      case 'remove':
        for (const paper of request.papers) this.dirty = this.index.removePaper(paper) || this.dirty;
        return { type: 'removed', id: request.id, papers: this.index.papers() };
      case 'paper': {
        const content = { document: request.document, quotes: request.quotes, quotesKey: request.quotesKey, pdfStamp: request.pdfStamp };
        const tokenised = !this.index.keepIfSame(request.paper, content);
        if (tokenised) this.index.setPaper(request.paper, content);
        this.dirty = true; // a stamp may have changed even when nothing was tokenised
        return { type: 'indexed', id: request.id, paper: this.index.papers().find((paper) => paper.id === request.paper)!, tokenised };
      }
      case 'save':
        return this.save(request.id);
      case 'search': {
        const { papers, ...options } = request.options;
        return { type: 'hits', id: request.id, hits: this.index.search(request.text, { ...options, papers: papers && new Set(papers) }) };
      }
    }
  }

  /** The kept index, if whole and of this version; otherwise an empty one (and why), which the caller rebuilds. */
  private open(id: number, file: string | undefined): IndexReply {
    const started = performance.now();
    const lexicon = this.index;
    this.file = file;
    this.index = new SearchIndex();
    this.dirty = false;
    let problem: string | undefined;
    if (file) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = readFileSync(file);
      } catch {
        // No file yet: a first start.
      }
      try {
        if (bytes) this.index = SearchIndex.fromBinary(bytes).index;
      } catch (error) {
        problem = error instanceof IndexFileError ? error.message : `the search index file could not be read (${(error as Error).message}); it is rebuilt`;
        this.index = new SearchIndex();
        this.dirty = true; // the bad file is replaced at the next save
      }
    }
    this.index.useLexicon(lexicon.lexiconInUse());
    return { type: 'opened', id, papers: this.index.papers(), ...(problem ? { problem } : {}), loadMs: performance.now() - started };
  }

  private save(id: number): IndexReply {
    const started = performance.now();
    if (!this.file || !this.dirty) return { type: 'saved', id, bytes: 0, ms: 0 };
    const bytes = this.index.toBinary();
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, this.file); // a reader never sees half a file
    this.dirty = false;
    return { type: 'saved', id, bytes: bytes.length, ms: performance.now() - started };
  }
}

const port = parentPort;
if (port) {
  const state = new SearchWorkerState();
  port.on('message', (request: IndexRequest) => {
    const reply = state.handle(request);
    if (reply) port.postMessage(reply);
  });
}
