/**
 * Corpus files, PDFs and annotation files may come from anyone. Before their text is shown (trees, panels,
 * hovers, the CLI) it goes through these helpers, so that it cannot rearrange what a person reads.
 */

/**
 * Unicode's explicit direction controls (embeddings, overrides, isolates and their terminators). In a title
 * they make "invoice\u202Efdp.exe" read as "invoiceexe.pdf"; legitimate right-to-left text needs none of
 * them (the bidi algorithm orders Arabic and Hebrew letters by itself).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Shown in place of a direction control, so the tampering is visible instead of silently obeyed. */
export const BIDI_REPLACEMENT = '\uFFFD';

export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, BIDI_REPLACEMENT);
}

/** Text for one line of a label: direction controls neutralised, whitespace runs collapsed, cut at `max` characters with "…". */
export function displayLine(text: string, max = Number.POSITIVE_INFINITY): string {
  const line = neutraliseBidi(text).replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  // Never cut a surrogate pair in half.
  const cut = /[\uD800-\uDBFF]/.test(line[max - 1] ?? '') ? max - 1 : max;
  return `${line.slice(0, cut).trimEnd()}…`;
}

/**
 * Corpus text as literal Markdown for a VS Code hover: every character Markdown or HTML could read as
 * markup is backslash-escaped (CommonMark removes the backslash again when it renders), and direction
 * controls are neutralised.
 */
export function escapeMarkdown(text: string): string {
  return neutraliseBidi(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&$:]/g, '\\$&').replace(/\s+/g, ' ');
}

/** A word that can be a surname: letters (any script), with inner hyphens, apostrophes or dots ("O'Neil", "Jean-Luc", "Jr."). */
const NAME_WORD = /^\p{L}[\p{L}\p{M}'’.\-]*$/u;

/**
 * The surname for a short label ("Stiennon et al."): the last word of the name that is made of letters.
 * Markup in a name (`Ada <b>`, `Lovelace <img src=x>`) is never taken for it; a name with no such word gives
 * "Anonymous".
 */
export function surnameOf(name: string): string {
  const words = neutraliseBidi(name).replace(/<[^>]*>?/g, ' ').split(/\s+/).filter((word) => NAME_WORD.test(word));
  return words.at(-1) ?? 'Anonymous';
}

/** "Stiennon", "Bai & Kadavath", "Ouyang et al.": the author part of a one-line label. */
export function shortAuthors(authors: readonly string[]): string {
  if (authors.length === 0) return 'Anonymous';
  if (authors.length === 1) return surnameOf(authors[0]!);
  if (authors.length === 2) return `${surnameOf(authors[0]!)} & ${surnameOf(authors[1]!)}`;
  return `${surnameOf(authors[0]!)} et al.`;
}
