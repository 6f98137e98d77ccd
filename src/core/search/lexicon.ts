import type { LexiconEntry } from '../corpus/model';
import { tokenize, type Token } from './tokenize';

/** A query term, how much it counts, and the query word(s) it came from (for --explain). */
export interface WeightedTerm {
  readonly stem: string;
  readonly weight: number;
  /** The query's own words this term stands for: "безвредности" for the term "harmless". */
  readonly from: string;
}

interface Translation {
  /** Russian stems of the entry's words, in order. */
  readonly source: readonly string[];
  /** English stems, one list per alternative. */
  readonly alternatives: readonly (readonly string[])[];
}

/**
 * The lexicon compiled for lookup: indexed by the stem of each entry's first word, longest entries first.
 * An entry of a later file for the same Russian phrase replaces the earlier file's, so a person's corpus can
 * override the bundled rendering of a term.
 */
export class Lexicon {
  private readonly table = new Map<string, Translation[]>();

  static readonly empty = new Lexicon([]);

  constructor(entries: readonly LexiconEntry[]) {
    // Keyed by the stemmed phrase: "лучше" and "лучший" are one entry once stemmed. Within a file their
    // renderings add up; a later file (a person's own corpus) replaces the earlier file's rendering.
    const bySource = new Map<string, { file?: string; translation: Translation }>();
    for (const entry of entries) {
      const source = tokenize(entry.russian).map((token) => token.stem);
      const alternatives = entry.english.map((english) => tokenize(english).map((token) => token.stem)).filter((stems) => stems.length > 0);
      if (source.length === 0 || alternatives.length === 0) continue; // the loader reported it
      const key = source.join(' ');
      const earlier = bySource.get(key);
      const merged = earlier && earlier.file === entry.file ? [...earlier.translation.alternatives, ...alternatives] : alternatives;
      const distinct = [...new Map(merged.map((stems) => [stems.join(' '), stems])).values()];
      const translation = { source, alternatives: distinct };
      bySource.set(key, { file: entry.file, translation });
    }
    for (const { translation } of bySource.values()) {
      const list = this.table.get(translation.source[0]!) ?? [];
      list.push(translation);
      this.table.set(translation.source[0]!, list);
    }
    for (const list of this.table.values()) list.sort((a, b) => b.source.length - a.source.length);
  }

  get size(): number {
    let count = 0;
    for (const list of this.table.values()) count += list.length;
    return count;
  }

  /**
   * Query terms of a text: English words as they are, Russian phrases found in the lexicon replaced by their
   * English words (alternatives weighted 1/√n), and Russian words not in the lexicon kept (they still match
   * Russian text, e.g. a person's own notes).
   */
  translate(tokens: readonly Token[]): WeightedTerm[] {
    const terms: WeightedTerm[] = [];
    for (let index = 0; index < tokens.length; ) {
      const token = tokens[index]!;
      const match = token.russian ? (this.table.get(token.stem) ?? []).find((entry) => entry.source.every((stem, offset) => tokens[index + offset]?.russian && tokens[index + offset]!.stem === stem)) : undefined;
      if (!match) {
        terms.push({ stem: token.stem, weight: 1, from: token.word });
        index++;
        continue;
      }
      const from = tokens.slice(index, index + match.source.length).map((t) => t.word).join(' ');
      const weight = 1 / Math.sqrt(match.alternatives.length);
      for (const alternative of match.alternatives) for (const stem of alternative) terms.push({ stem, weight, from });
      index += match.source.length;
    }
    return terms;
  }
}

const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Checks one `russian: english` pair of a lexicon file; returns the entry, or what is wrong with it. Each
 * side must keep a word after stop words are dropped, or it could never match anything.
 */
export function lexiconEntry(russian: string, english: unknown): LexiconEntry | string {
  if (!CYRILLIC.test(russian)) return `"${russian}" is not Russian: the left side is the Russian word or phrase`;
  if (tokenize(russian).length === 0) return `"${russian}" has only stop words, which the search ignores; write the word that carries the meaning`;
  const list = typeof english === 'string' ? [english] : Array.isArray(english) ? english : undefined;
  if (!list || list.length === 0 || list.some((item) => typeof item !== 'string' || !item.trim())) {
    return `the English side of "${russian}" must be a word or phrase, or a list of them, e.g. [reward, reward model] (quote words YAML reads as something else: "true", "no", "null")`;
  }
  for (const item of list as string[]) {
    if (CYRILLIC.test(item)) return `the English side of "${russian}" contains Cyrillic ("${item}"): write the English word a paper would use`;
    if (tokenize(item).length === 0) return `the English side "${item}" of "${russian}" has only stop words, which the search ignores`;
  }
  return { russian, english: (list as string[]).map((item) => item.trim()) };
}
