import type { Corpus, PaperId } from '../corpus/model';

/** Where a passage's text came from: the paper's PDF text, or a quote stored in the corpus. */
export type PassageSource = 'pdf' | 'quote';

/** A unit of search: a few sentences of one page (or one stored quote), with its page. */
export interface Passage {
  readonly paper: PaperId;
  /** 1-based physical page index, as the rest of the corpus counts pages. */
  readonly page: number;
  readonly text: string;
  readonly source: PassageSource;
}

/** A window grows sentence by sentence to about this many words; the next one starts with its last sentence. */
const WINDOW_WORDS = 45;
/** A "sentence" longer than this (a table, a reference list) is cut into pieces of half of it. */
const LONGEST_SENTENCE_WORDS = 90;

const wordCount = (text: string) => text.split(' ').length;

/**
 * Page text as a person reads it: ligatures and typographic quotes and dashes made plain, line-end
 * hyphenation joined, whitespace collapsed. The same steps as pdf/normalize's normalizeText, without the
 * offset map it keeps for anchoring (which costs more than the rest of indexing together).
 */
export function readableText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\u00AD/g, '')
    .replace(/(?<=\p{L})-[^\S\n]*\n\s*(?=\p{Ll})/gu, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences of normalised text: a split after . ! ? followed by a capital, a digit or an opening bracket. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+(?=[\p{Lu}\d(["“])/u)) {
    const words = sentence.split(' ');
    if (words.length <= LONGEST_SENTENCE_WORDS) sentences.push(sentence);
    else for (let start = 0; start < words.length; start += LONGEST_SENTENCE_WORDS / 2) sentences.push(words.slice(start, start + LONGEST_SENTENCE_WORDS / 2).join(' '));
  }
  return sentences.filter((sentence) => /\p{L}/u.test(sentence));
}

/**
 * A page's passages: overlapping windows of whole sentences of about WINDOW_WORDS words, so a claim that a
 * paper makes across two sentences is found in one passage (windows share one sentence), and no passage is a whole page.
 */
export function pagePassages(paper: PaperId, page: number, rawText: string): Passage[] {
  const sentences = splitSentences(readableText(rawText));
  const passages: Passage[] = [];
  for (let start = 0; start < sentences.length; ) {
    let end = start;
    let words = wordCount(sentences[start]!);
    while (words < WINDOW_WORDS && end + 1 < sentences.length) words += wordCount(sentences[++end]!);
    passages.push({ paper, page, text: sentences.slice(start, end + 1).join(' '), source: 'pdf' });
    if (end + 1 >= sentences.length) break;
    start = Math.max(start + 1, end); // one sentence of overlap: a claim across two sentences is in one window
  }
  return passages;
}

/** Every stored quote of a paper (all of them when `paper` is undefined), each its own passage. */
export function quotePassages(corpus: Pick<Corpus, 'links'>, paper?: PaperId): Passage[] {
  const seen = new Set<string>();
  const passages: Passage[] = [];
  for (const link of corpus.links) {
    if (paper !== undefined && link.paper !== paper) continue;
    for (const evidence of link.evidence) {
      const text = readableText(evidence.quote);
      const key = `${link.paper}\u0000${evidence.page}\u0000${text}`;
      if (seen.has(key)) continue; // the same quote backs several challenges
      seen.add(key);
      passages.push({ paper: link.paper, page: evidence.page, text, source: 'quote' });
    }
  }
  return passages;
}
