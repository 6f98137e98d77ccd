/**
 * Evidence suggestions: BM25 over sentence-window passages of the papers' PDF text and their stored quotes,
 * with Russian queries translated through a domain lexicon. Pure Node: no `vscode` import.
 */
export { buildSearchIndex, deserializeSearchIndex, SearchIndex, type IndexableDocument, type IndexedPaper, type MatchedTerm, type SearchHit, type SearchOptions, type SerializedSearchIndex } from './searchIndex';
export { readCorpusDocuments, type CorpusDocuments } from './documents';
export { describeMatches } from './explain';
export { pagePassages, quotePassages, splitSentences, type Passage, type PassageSource } from './passages';
export { Lexicon, lexiconEntry, type WeightedTerm } from './lexicon';
export { stems, tokenize, type Token } from './tokenize';
export { pdfStampOf, quotesKeyOf, stalePapers, type PaperNow } from './indexPlan';
export { SearchWorkerClient } from './workerClient';
export { IndexFileError } from './indexFile';
