import type * as vscode from 'vscode';
import type { IndexedPaper, SearchHit } from '../../core/search/searchIndex';

/**
 * What "Link Claim" and the "Find evidence…" light bulb need of evidence suggestions. On the desktop it is
 * EvidenceSuggestions (BM25 over the PDFs' text in a search worker); on the web, StoredQuoteSuggestions.
 */
export interface EvidenceSuggester extends vscode.Disposable {
  /** Suggestions with the words each matched (`matched`), for the picker to show why. */
  suggest(text: string, top?: number): Promise<SearchHit[]>;
  /** True when a suggestion can be answered now, without building or updating the index first. */
  isReady(): boolean;
  /** What the index holds per paper (tests and the bench). */
  indexedPapers(): IndexedPaper[];
}
