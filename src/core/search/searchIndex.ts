import type { Corpus, PaperId } from '../corpus/model';
import { Lexicon, type WeightedTerm } from './lexicon';
import { pagePassages, quotePassages, type Passage, type PassageSource } from './passages';
import { decodeIndexFile, encodeIndexFile, IndexFileError, type IndexFilePaper, type PackedPostings, type PackedTexts } from './indexFile';
import { stems, tokenize } from './tokenize';

/** What the index needs of a paper's text (a pdf DocumentText is one): its pages, and the PDF's sha256. */
export interface IndexableDocument {
  readonly sha256?: string;
  readonly pages: readonly { readonly page: number; readonly text: string }[];
}

/** One suggestion: a passage of a paper, its page and how well it matches (BM25; higher is better). */
export interface SearchHit {
  readonly paper: PaperId;
  readonly page: number;
  readonly text: string;
  readonly score: number;
  readonly source: PassageSource;
  /** With `explain`: the passage's words that matched the query, each with the query words it stands for. */
  readonly matched?: readonly MatchedTerm[];
}

/** A word of a passage that matched the query: "harmless" for the query's "безвредности", "88" for "88%". */
export interface MatchedTerm {
  /** The word as the passage writes it (lower-cased). */
  readonly word: string;
  /** The query's word or phrase it matched (a Russian phrase when the lexicon translated it). */
  readonly query: string;
}

export interface SearchOptions {
  /** How many hits. Default 10. */
  readonly top?: number;
  /**
   * English text that says what the query means, e.g. the glosses of the claims around a Russian sentence.
   * Its words count CONTEXT_WEIGHT of the query's own.
   */
  readonly context?: string;
  /** Translate Russian words through the index's lexicon (see useLexicon). Default true (off only to measure it). */
  readonly lexicon?: boolean;
  /** Say which words of each hit matched the query (`matched`). */
  readonly explain?: boolean;
  /** At most one hit per (paper, page): overlapping windows of a page are one suggestion. Default true. */
  readonly distinctPages?: boolean;
  /** Only these papers. */
  readonly papers?: ReadonlySet<PaperId>;
}

/** What a paper's entry in the index was built from, so a caller can tell what needs re-indexing. */
export interface IndexedPaper {
  readonly id: PaperId;
  /** The sha256 of the PDF whose text was indexed; undefined when only stored quotes were. */
  readonly pdfSha256?: string;
  readonly passages: number;
  /** What the caller said identifies the PDF file cheaply (size and mtime), to skip reading it when unchanged. */
  readonly pdfStamp?: string;
  /** What the caller said identifies the paper's stored quotes (a hash), to tell when they changed. */
  readonly quotesKey?: string;
}

/** What setPaper indexes: the PDF text, the stored quotes, and the caller's keys for both. */
export interface PaperContent {
  readonly document?: IndexableDocument;
  readonly quotes?: readonly Passage[];
  readonly pdfStamp?: string;
  readonly quotesKey?: string;
}

/** The index as JSON, for a cache file. `postings` is base64 of little-endian int32s (see serialize). */
export interface SerializedSearchIndex {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly papers: { id: PaperId; pdfSha256?: string }[];
  /** [paper index, page, source, text] per passage, in id order. */
  readonly passages: [number, number, PassageSource, string][];
  readonly vocabulary: string[];
  readonly postings: string;
}

const FORMAT = 'literature-companion/search-index';
/** Bump when tokenising or passage splitting changes: a cached index from before is then rebuilt. */
const VERSION = 2;
/** k1 1.5 (was 1.2): one to two more claims in the top 5 per language on the dev set's tuning half. */
const K1 = 1.5;
const B = 0.75;
const CONTEXT_WEIGHT = 0.3;
const COMMON_FRACTION = 0.5;

/** One term's postings: passage ids (ascending) and term frequencies, in growable typed arrays. */
class Postings {
  ids: Int32Array;
  tfs: Uint16Array;
  length = 0;
  constructor(capacity = 4) {
    this.ids = new Int32Array(capacity);
    this.tfs = new Uint16Array(capacity);
  }
  push(id: number, tf: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.ids[this.length] = id;
    this.tfs[this.length++] = Math.min(tf, 65535);
  }
  /** Drops the postings of removed passages, in place. */
  retain(alive: (id: number) => boolean): void {
    let kept = 0;
    for (let index = 0; index < this.length; index++) {
      const id = this.ids[index]!;
      if (!alive(id)) continue;
      this.ids[kept] = id;
      this.tfs[kept++] = this.tfs[index]!;
    }
    this.length = kept;
  }
}

/** A passage loaded from an index file: its text is decoded from the file's text block when first read. */
class StoredPassage implements Passage {
  private decoded?: string;
  constructor(
    readonly paper: PaperId,
    readonly page: number,
    readonly source: PassageSource,
    private readonly texts: PackedTexts,
    private readonly at: number,
  ) {}
  get text(): string {
    return (this.decoded ??= this.texts.text(this.at));
  }
}

interface PaperEntry {
  pdfSha256?: string;
  pdfStamp?: string;
  quotesKey?: string;
  ids: number[];
}

/**
 * A BM25 index over passages of the corpus's papers. Built once (buildSearchIndex), kept up to date paper by
 * paper (setPaper/removePaper), saved and restored without re-tokenising (serialize/deserializeSearchIndex).
 * Pure Node: the VS Code layer and the CLI use the same index.
 */
export class SearchIndex {
  private readonly passages: (Passage | undefined)[] = [];
  private readonly lengths: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  /** Per term; undefined until first used when the index came from a file (decoded from `packed` then). */
  private postings: (Postings | undefined)[] = [];
  /** The file's varint postings, decoded term by term on first use: loading does not decode them all. */
  private packed?: PackedPostings;
  private readonly paperEntries = new Map<PaperId, PaperEntry>();
  private liveCount = 0;
  private totalLength = 0;
  private scores = new Float64Array(0);
  private lexicon = Lexicon.empty;

  /** Live passages. */
  get size(): number {
    return this.liveCount;
  }

  papers(): IndexedPaper[] {
    return [...this.paperEntries].map(([id, entry]) => ({ id, pdfSha256: entry.pdfSha256, passages: entry.ids.length, pdfStamp: entry.pdfStamp, quotesKey: entry.quotesKey }));
  }

  /**
   * True when the paper is indexed from this PDF (sha256) and these quotes (key): then only the file's stamp
   * is updated (a PDF touched or copied back is not re-tokenised).
   */
  keepIfSame(paper: PaperId, content: PaperContent): boolean {
    const entry = this.paperEntries.get(paper);
    if (!entry || content.quotesKey === undefined || entry.quotesKey !== content.quotesKey || entry.pdfSha256 !== content.document?.sha256) return false;
    entry.pdfStamp = content.pdfStamp;
    return true;
  }

  /**
   * Indexes one paper (replacing what was indexed for it before): the pages of its PDF text when there is
   * one, and its stored quotes.
   */
  setPaper(paper: PaperId, content: PaperContent): void {
    if (this.paperEntries.has(paper)) this.removePaper(paper);
    const entry: PaperEntry = { pdfSha256: content.document?.sha256, pdfStamp: content.pdfStamp, quotesKey: content.quotesKey, ids: [] };
    this.paperEntries.set(paper, entry);
    for (const page of content.document?.pages ?? []) for (const passage of pagePassages(paper, page.page, page.text)) entry.ids.push(this.addPassage(passage));
    for (const quote of content.quotes ?? []) entry.ids.push(this.addPassage({ ...quote, paper }));
  }

  removePaper(paper: PaperId): boolean {
    const entry = this.paperEntries.get(paper);
    if (!entry) return false;
    const removed = new Set(entry.ids);
    for (const id of entry.ids) {
      this.passages[id] = undefined;
      this.totalLength -= this.lengths[id]!;
      this.lengths[id] = 0;
    }
    this.liveCount -= entry.ids.length;
    for (let term = 0; term < this.vocabulary.length; term++) this.list(term).retain((id) => !removed.has(id));
    this.paperEntries.delete(paper);
    return true;
  }

  /** A term's postings, decoded from the file on first use. */
  private list(term: number): Postings {
    let list = this.postings[term];
    if (!list) {
      list = new Postings();
      if (this.packed && term < this.packed.terms) this.packed.decode(term, (ids, tfs, count) => ([list!.ids, list!.tfs, list!.length] = [ids, tfs, count]));
      this.postings[term] = list;
    }
    return list;
  }

  private termId(stem: string): number {
    let id = this.termIds.get(stem);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.termIds.set(stem, id);
      this.vocabulary.push(stem);
      this.postings.push(undefined);
    }
    return id;
  }

  private addPassage(passage: Passage): number {
    const id = this.passages.length;
    const words = stems(passage.text);
    const counts = new Map<string, number>();
    for (const stem of words) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    for (const [stem, tf] of counts) this.list(this.termId(stem)).push(id, tf);
    this.passages.push(passage);
    this.lengths.push(words.length);
    this.totalLength += words.length;
    this.liveCount++;
    return id;
  }

  /** The Russian → English lexicon queries are translated with (the corpus's; query time only, not indexed). */
  useLexicon(lexicon: Lexicon): void {
    this.lexicon = lexicon;
  }

  lexiconInUse(): Lexicon {
    return this.lexicon;
  }

  /** The query's terms with their weights: its own words (Russian ones translated) plus the context's. */
  queryTerms(text: string, options: Pick<SearchOptions, 'context' | 'lexicon'> = {}): WeightedTerm[] {
    const tokens = tokenize(text);
    const own = options.lexicon === false ? tokens.map((token) => ({ stem: token.stem, weight: 1, from: token.word })) : this.lexicon.translate(tokens);
    const context = options.context ? this.lexicon.translate(tokenize(options.context)).map((term) => ({ ...term, weight: term.weight * CONTEXT_WEIGHT })) : [];
    const merged = new Map<string, WeightedTerm>();
    for (const term of [...own, ...context]) {
      const seen = merged.get(term.stem);
      merged.set(term.stem, seen ? { stem: term.stem, weight: seen.weight + term.weight, from: seen.from } : term);
    }
    return [...merged.values()];
  }

  /** The words of `text` whose stems are query terms, once each, in the order the text has them. */
  private static matchedTerms(text: string, terms: readonly WeightedTerm[]): MatchedTerm[] {
    const byStem = new Map(terms.map((term) => [term.stem, term.from]));
    const matched = new Map<string, MatchedTerm>();
    for (const token of tokenize(text)) {
      const query = byStem.get(token.stem);
      if (query !== undefined && !matched.has(token.word)) matched.set(token.word, { word: token.word, query });
    }
    return [...matched.values()];
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const top = Math.max(1, Math.floor(options.top ?? 10));
    const distinctPages = options.distinctPages ?? true;
    if (this.liveCount === 0) return [];
    if (this.scores.length < this.passages.length) this.scores = new Float64Array(this.passages.length * 1.5 + 16);
    const terms = this.queryTerms(text, options);
    const touched = this.score(terms);
    const hits = this.best(touched, top, distinctPages, options.papers);
    for (const id of touched) this.scores[id] = 0;
    return options.explain ? hits.map((hit) => ({ ...hit, matched: SearchIndex.matchedTerms(hit.text, terms) })) : hits;
  }

  /** BM25 of every passage that has a query term, into this.scores; returns the passages scored. */
  private score(terms: readonly WeightedTerm[]): number[] {
    const scores = this.scores;
    const touched: number[] = [];
    const averageLength = this.totalLength / this.liveCount || 1;
    const lists = terms.flatMap(({ stem, weight }) => {
      const termId = this.termIds.get(stem);
      const list = termId === undefined ? undefined : this.list(termId);
      return list && list.length > 0 ? [{ list, weight }] : [];
    });
    // A word in most passages (idf < 0.7) barely moves the ranking but costs the most time: skipped when
    // the query has two or more rarer words to rank by.
    const common = (list: Postings) => list.length > this.liveCount * COMMON_FRACTION;
    const skipCommon = lists.filter(({ list }) => !common(list)).length >= 2;
    for (const { list, weight } of lists) {
      if (skipCommon && common(list)) continue;
      const idf = this.idf(list.length);
      const { ids, tfs, lengths } = { ids: list.ids, tfs: list.tfs, lengths: this.lengths };
      for (let index = 0; index < list.length; index++) {
        const id = ids[index]!;
        const tf = tfs[index]!;
        if (scores[id] === 0) touched.push(id);
        scores[id]! += (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[id]!) / averageLength));
      }
    }
    return touched;
  }

  private idf(documentFrequency: number): number {
    return Math.log(1 + (this.liveCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** The top hits among scored passages: a bounded selection first, a full sort only when pages repeat a lot. */
  private best(touched: readonly number[], top: number, distinctPages: boolean, papers: ReadonlySet<PaperId> | undefined): SearchHit[] {
    const scores = this.scores;
    const eligible = papers ? touched.filter((id) => papers.has(this.passages[id]!.paper)) : touched;
    const pick = (candidates: readonly number[]): SearchHit[] => {
      const hits: SearchHit[] = [];
      const pages = new Set<string>();
      for (const id of candidates) {
        const passage = this.passages[id]!;
        const page = `${passage.paper}\u0000${passage.page}`;
        if (distinctPages && pages.has(page)) continue;
        pages.add(page);
        hits.push({ paper: passage.paper, page: passage.page, text: passage.text, score: Math.round(scores[id]! * 1000) / 1000, source: passage.source });
        if (hits.length === top) break;
      }
      return hits;
    };
    const byScore = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
    const shortlist = top * 8;
    if (eligible.length > shortlist * 4) {
      // The shortlist-th best score, found on a sample-free partial pass: keep a sorted buffer of the best.
      const buffer: number[] = [];
      for (const id of eligible) {
        const score = scores[id]!;
        if (buffer.length === shortlist && score <= scores[buffer[shortlist - 1]!]!) continue;
        let at = buffer.length;
        while (at > 0 && byScore(buffer[at - 1]!, id) > 0) at--;
        buffer.splice(at, 0, id);
        if (buffer.length > shortlist) buffer.pop();
      }
      const hits = pick(buffer);
      if (hits.length === top || !distinctPages) return hits;
    }
    return pick([...eligible].sort(byScore));
  }

  /** A JSON-able copy of the index (removed passages compacted away). */
  serialize(): SerializedSearchIndex {
    const paperIds = [...this.paperEntries.keys()];
    const paperIndex = new Map(paperIds.map((id, index) => [id, index]));
    const newId = new Int32Array(this.passages.length).fill(-1);
    const passages: [number, number, PassageSource, string][] = [];
    this.passages.forEach((passage, id) => {
      if (!passage) return;
      newId[id] = passages.length;
      passages.push([paperIndex.get(passage.paper)!, passage.page, passage.source, passage.text]);
    });
    // Per term: length, then (new id, tf) pairs. Terms whose postings all went are kept empty (ids are positions).
    const words: number[] = [];
    for (let term = 0; term < this.vocabulary.length; term++) {
      const list = this.list(term);
      words.push(list.length);
      for (let index = 0; index < list.length; index++) words.push(newId[list.ids[index]!]!, list.tfs[index]!);
    }
    return {
      format: FORMAT,
      version: VERSION,
      papers: paperIds.map((id) => ({ id, ...(this.paperEntries.get(id)!.pdfSha256 ? { pdfSha256: this.paperEntries.get(id)!.pdfSha256 } : {}) })),
      passages,
      vocabulary: [...this.vocabulary],
      postings: Buffer.from(new Int32Array(words).buffer).toString('base64'),
    };
  }

  /**
   * The index as a compact file (see indexFile.ts): integer-coded postings (varint deltas), passage texts as
   * one UTF-8 block, and a sha256 of the whole, so a damaged file is told from a good one.
   */
  toBinary(extra: Record<string, unknown> = {}): Uint8Array {
    const papers: IndexFilePaper[] = [];
    const newId = new Int32Array(this.passages.length).fill(-1);
    const pages: number[] = [];
    const lengths: number[] = [];
    const sources: number[] = [];
    const texts: string[] = [];
    for (const [id, entry] of this.paperEntries) {
      papers.push({ id, passages: entry.ids.length, ...(entry.pdfSha256 ? { pdfSha256: entry.pdfSha256 } : {}), ...(entry.pdfStamp ? { pdfStamp: entry.pdfStamp } : {}), ...(entry.quotesKey ? { quotesKey: entry.quotesKey } : {}) });
      for (const old of entry.ids) {
        const passage = this.passages[old]!;
        newId[old] = texts.length;
        pages.push(passage.page);
        lengths.push(this.lengths[old]!);
        sources.push(passage.source === 'quote' ? 1 : 0);
        texts.push(passage.text);
      }
    }
    const remap = (list: Postings) => ({ length: list.length, id: (k: number) => newId[list.ids[k]!]!, tf: (k: number) => list.tfs[k]! });
    return encodeIndexFile({ version: VERSION, papers, pages, lengths, sources, texts, vocabulary: this.vocabulary, postings: this.vocabulary.map((_, term) => remap(this.list(term))), extra });
  }

  /** The index a toBinary() file holds. Throws IndexFileError when the file is damaged, of another version, or not one. */
  static fromBinary(bytes: Uint8Array): { index: SearchIndex; extra: Record<string, unknown> } {
    const file = decodeIndexFile(bytes, VERSION);
    const index = new SearchIndex();
    let id = 0;
    for (const paper of file.papers) {
      const ids = Array.from({ length: paper.passages }, () => id++);
      index.paperEntries.set(paper.id, { pdfSha256: paper.pdfSha256, pdfStamp: paper.pdfStamp, quotesKey: paper.quotesKey, ids });
      for (const at of ids) index.passages.push(new StoredPassage(paper.id, file.pages[at]!, file.sources[at] === 1 ? 'quote' : 'pdf', file.texts, at));
    }
    for (let at = 0; at < file.lengths.length; at++) index.lengths.push(file.lengths[at]!);
    for (const stem of file.vocabulary) index.termId(stem);
    if (index.vocabulary.length !== file.vocabulary.length) throw new IndexFileError('the search index file is damaged (vocabulary repeats a word); it is rebuilt', 'damaged');
    index.packed = file.postings;
    index.liveCount = index.passages.length;
    index.totalLength = index.lengths.reduce((sum, length) => sum + length, 0);
    return { index, extra: file.extra };
  }

  /** @internal Restores the state serialize() saved. */
  static fromSerialized(data: SerializedSearchIndex): SearchIndex {
    const index = new SearchIndex();
    for (const paper of data.papers) index.paperEntries.set(paper.id, { pdfSha256: paper.pdfSha256, ids: [] });
    for (const [paperIndex, page, source, text] of data.passages) {
      const paper = data.papers[paperIndex]?.id;
      if (paper === undefined) throw new Error(`search index: passage ${index.passages.length} names paper #${paperIndex}, which the index does not list`);
      index.paperEntries.get(paper)!.ids.push(index.passages.length);
      index.passages.push({ paper, page, text, source });
      index.lengths.push(0);
    }
    const bytes = Buffer.from(data.postings, 'base64');
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    let at = 0;
    for (const stem of data.vocabulary) {
      const termId = index.termId(stem);
      const length = words[at++]!;
      const list = new Postings(Math.max(4, length));
      for (let k = 0; k < length; k++) {
        const id = words[at++]!;
        const tf = words[at++]!;
        list.push(id, tf);
        index.lengths[id]! += tf;
      }
      index.postings[termId] = list;
    }
    if (at !== words.length) throw new Error('search index: the postings do not match the vocabulary (the cache file is damaged); delete it to rebuild');
    index.liveCount = index.passages.length;
    index.totalLength = index.lengths.reduce((sum, length) => sum + length, 0);
    return index;
  }
}

/** A cached index, or undefined when it is from another version of the extension (then rebuild it). */
export function deserializeSearchIndex(data: unknown): SearchIndex | undefined {
  const candidate = data as Partial<SerializedSearchIndex> | null;
  if (!candidate || candidate.format !== FORMAT || candidate.version !== VERSION) return undefined;
  if (!Array.isArray(candidate.papers) || !Array.isArray(candidate.passages) || !Array.isArray(candidate.vocabulary) || typeof candidate.postings !== 'string') {
    throw new Error('search index: the cache file is missing papers, passages, vocabulary or postings; delete it to rebuild');
  }
  return SearchIndex.fromSerialized(candidate as SerializedSearchIndex);
}

/**
 * The index of a corpus: for each paper, the text of its PDF when `documents` has it (keyed by paper id),
 * and its stored quotes either way, so papers without a PDF are still found through their quotes.
 */
export function buildSearchIndex(corpus: Pick<Corpus, 'papers' | 'links' | 'lexicon'>, documents: ReadonlyMap<PaperId, IndexableDocument> = new Map()): SearchIndex {
  const index = new SearchIndex();
  index.useLexicon(new Lexicon(corpus.lexicon ?? []));
  const quotes = quotePassages(corpus);
  const ids = new Set([...corpus.papers.keys(), ...documents.keys()]);
  for (const paper of ids) index.setPaper(paper, { document: documents.get(paper), quotes: quotes.filter((quote) => quote.paper === paper) });
  return index;
}
