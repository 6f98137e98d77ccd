import type { PaperId } from '../corpus/model';
import type { Passage } from './passages';
import type { SerializedSearchIndex } from './searchIndex';

/** A paper's PDF text as it crosses to the index worker: only what indexing reads (no layout items). */
export interface IndexablePages {
  readonly sha256?: string;
  readonly pages: readonly { readonly page: number; readonly text: string }[];
}

/**
 * Main thread → search index worker. A job is one `start`, then one `paper` per paper to (re-)index, then
 * `finish`. Papers stream in as their text is read, so indexing overlaps reading and progress is per paper.
 */
export type IndexRequest =
  /** `base`: the index to update (kept as is except for `remove` and the papers that follow); none: a new index. */
  | { readonly type: 'start'; readonly base?: SerializedSearchIndex; readonly remove: readonly PaperId[]; readonly total: number }
  | { readonly type: 'paper'; readonly paper: PaperId; readonly document?: IndexablePages; readonly quotes: readonly Passage[] }
  | { readonly type: 'finish' };

/** Search index worker → main thread. Errors travel as data: Error objects lose their class across threads. */
export type IndexReply =
  | { readonly type: 'progress'; readonly paper: PaperId; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly index: SerializedSearchIndex }
  | { readonly type: 'failed'; readonly message: string };
