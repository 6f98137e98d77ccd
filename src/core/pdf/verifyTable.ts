import { displayLine } from '../render/untrustedText';
import type { QuoteVerdict } from './verifyQuotes';

/** Terminal and output-channel width the table is laid out for. */
export const TABLE_WIDTH = 100;
const GAP = '  ';
/** The quote column never gets narrower than this, even when ids are long; the other columns give way. */
const MIN_QUOTE = 24;

/**
 * "Verify All Quotes" as an aligned table of at most `width` characters a line (the CLI's `verify` and the
 * editor's output channel print the same): paper, challenge, page, result, and as much of the quote as fits.
 * Corpus text in it is one line each, direction controls neutralised.
 */
export function formatVerifyTable(verdicts: readonly QuoteVerdict[], width = TABLE_WIDTH): string[] {
  const rows = verdicts.map((verdict) => [
    displayLine(verdict.paper),
    `§${displayLine(verdict.challenge)}`,
    `p.${verdict.page}`,
    resultOf(verdict),
    `“${displayLine(verdict.quote)}”`,
  ]);
  const header = ['paper', 'challenge', 'page', 'result', 'quote'];
  const widths = header.slice(0, 4).map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  // Long ids (a person's own corpus) are cut before the quote column drops below its minimum.
  const fixed = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * widths.length;
  for (const column of [0, 1, 3]) {
    const excess = fixed() + MIN_QUOTE - width;
    if (excess > 0) widths[column] = Math.max(header[column]!.length, widths[column]! - excess);
  }
  const quoteWidth = Math.max(1, width - fixed());
  const line = (cells: readonly string[]) =>
    [...widths.map((w, column) => cut(cells[column]!, w).padEnd(w)), cut(cells[4]!, quoteWidth)].join(GAP).trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(Math.min(quoteWidth, 5)))), ...rows.map(line)];
}

function resultOf(verdict: QuoteVerdict): string {
  if (!verdict.method || verdict.method === 'exact') return verdict.label;
  // A fuzzy match's label usually says "found approximately (score …)" already: say the score once.
  if (verdict.method === 'fuzzy' && verdict.label.includes('score')) return verdict.label;
  return `${verdict.label} [${verdict.method}${verdict.method === 'fuzzy' && verdict.score !== undefined ? ` ${verdict.score.toFixed(2)}` : ''}]`;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
