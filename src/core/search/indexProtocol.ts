import type { LexiconEntry, PaperId } from '../corpus/model';
import type { Passage } from './passages';
import type { IndexedPaper, SearchHit, SearchOptions } from './searchIndex';

/** A paper's PDF text as it crosses to the index worker: only what indexing reads (no layout items). */
export interface IndexablePages {
  readonly sha256?: string;
  readonly pages: readonly { readonly page: number; readonly text: string }[];
}

/** Search options that cross to the worker (a Set of papers becomes a list). */
export type WorkerSearchOptions = Omit<SearchOptions, 'papers'> & { readonly papers?: readonly PaperId[] };

/**
 * Main thread → the long-lived search worker, which owns the index. The index itself never crosses: the
 * main thread sends papers to (re-)index or drop, queries, and where to keep the index file; it gets back
 * hits and what each paper was indexed from (a few strings a paper). Requests with an `id` get one reply
 * with the same id; the worker handles requests in order.
 */
export type IndexRequest =
  /** Load the index kept in `file` (if any, and only if it is whole and of this version); no file: start empty. */
  | { readonly type: 'open'; readonly id: number; readonly file?: string }
  | { readonly type: 'lexicon'; readonly entries: readonly LexiconEntry[] }
  | { readonly type: 'remove'; readonly id: number; readonly papers: readonly PaperId[] }
  /** Index one paper (replacing what it had); when its PDF sha256 and quotesKey are what was indexed, only its stamp is updated. */
  | { readonly type: 'paper'; readonly id: number; readonly paper: PaperId; readonly document?: IndexablePages; readonly quotes: readonly Passage[]; readonly quotesKey: string; readonly pdfStamp?: string }
  /** Write the index to the file given at `open` (atomically), if it changed since the last save. */
  | { readonly type: 'save'; readonly id: number }
  | { readonly type: 'search'; readonly id: number; readonly text: string; readonly options: WorkerSearchOptions };

/** Search worker → main thread. Errors travel as data: Error objects lose their class across threads. */
export type IndexReply =
  /** `problem`: why a kept file was not used (damaged, another version): the index starts empty and is rebuilt. */
  | { readonly type: 'opened'; readonly id: number; readonly papers: IndexedPaper[]; readonly problem?: string; readonly loadMs: number }
  | { readonly type: 'removed'; readonly id: number; readonly papers: IndexedPaper[] }
  /** `tokenised`: false when the paper's PDF and quotes were already indexed as sent. */
  | { readonly type: 'indexed'; readonly id: number; readonly paper: IndexedPaper; readonly tokenised: boolean }
  | { readonly type: 'saved'; readonly id: number; readonly bytes: number; readonly ms: number }
  | { readonly type: 'hits'; readonly id: number; readonly hits: SearchHit[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
