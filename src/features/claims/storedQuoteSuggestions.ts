import type { SearchHit } from '../../core/search/searchIndex';
import type { EvidenceSuggester } from './suggester';

/**
 * Evidence suggestions on the web: none computed. The search index (BM25 over the PDFs' text, kept in a
 * compressed file by a worker) needs Node's zlib and worker_threads; in the browser "Link Claim" offers
 * the corpus's stored quotes instead ("Pick a stored quote…"), which need no index.
 */
export class StoredQuoteSuggestions implements EvidenceSuggester {
  async suggest(_text: string, _top?: number): Promise<SearchHit[]> {
    return [];
  }

  isReady(): boolean {
    return true;
  }

  indexedPapers() {
    return [];
  }

  dispose(): void {}
}
