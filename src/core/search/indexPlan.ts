import { createHash } from 'node:crypto';
import type { PaperId } from '../corpus/model';
import type { Passage } from './passages';
import type { IndexedPaper } from './searchIndex';

/** What a paper is to be indexed from now: its stored quotes (and their key) and its PDF file's stamp, if it has one. */
export interface PaperNow {
  readonly paper: PaperId;
  readonly quotes: readonly Passage[];
  readonly quotesKey: string;
  /** `size:mtime` of the PDF file; undefined when the paper has no PDF. */
  readonly pdfStamp?: string;
}

/** A short hash of a paper's stored quotes: what the index file keeps to tell when they changed. */
export function quotesKeyOf(quotes: readonly Passage[]): string {
  return createHash('sha256').update(JSON.stringify(quotes.map((quote) => [quote.page, quote.text]))).digest('base64url').slice(0, 22);
}

/** The stamp of a PDF file: when size and modification time are what was indexed, its bytes are not read again. */
export function pdfStampOf(stats: { size: number; mtimeMs: number }): string {
  return `${stats.size}:${Math.round(stats.mtimeMs)}`;
}

/**
 * What an index needs to match the corpus now: papers gone (remove) and papers new or changed (index):
 * a PDF added, removed, replaced (another stamp) or announced as changed, or other stored quotes. The rest
 * is not touched, so a restart rebuilds nothing that did not change.
 */
export function stalePapers(indexed: readonly IndexedPaper[], now: readonly PaperNow[], changedPdfs: ReadonlySet<PaperId> = new Set()): { remove: PaperId[]; index: PaperId[] } {
  const byId = new Map(indexed.map((paper) => [paper.id, paper]));
  const present = new Set(now.map((paper) => paper.paper));
  return {
    remove: indexed.filter((paper) => !present.has(paper.id)).map((paper) => paper.id),
    index: now
      .filter(({ paper, quotesKey, pdfStamp }) => {
        const entry = byId.get(paper);
        return !entry || changedPdfs.has(paper) || entry.quotesKey !== quotesKey || entry.pdfStamp !== pdfStamp;
      })
      .map((paper) => paper.paper),
  };
}
