import type { MatchedTerm } from './searchIndex';

/** "harmless (безвредности), rate, 88": a hit's matched words, with the query's words where they differ. */
export function describeMatches(matched: readonly MatchedTerm[]): string {
  return matched.length === 0 ? '(no word in common)' : matched.map((term) => (term.query === term.word ? term.word : `${term.word} (${term.query})`)).join(', ');
}
