import type { CitationLanguage } from '../../core/citations/parse';

/** The citation syntax of an open document, by its language id (untitled documents have no file name). */
export function citationLanguageOfDocument(languageId: string): CitationLanguage {
  return languageId === 'latex' || languageId === 'tex' ? 'latex' : 'markdown';
}

/** Where a key is being typed: the part already typed and the column it starts at. */
export interface KeyInProgress {
  readonly typed: string;
  readonly column: number;
}

// A key so far: the characters Pandoc and BibTeX keys are made of.
const PARTIAL_KEY = String.raw`[\p{L}\p{N}_:.#$%&\-+?<>~/]*`;
const PANDOC = new RegExp(String.raw`(?:^|[\s;\-])@(${PARTIAL_KEY})$`, 'u');
const LATEX = /\\[a-zA-Z]*cite[a-zA-Z]*\*?\s*(?:\[[^\]]*\]\s*){0,2}\{([^{}]*)$/;

/**
 * Whether the text before the cursor on its line ends inside a citation where a key belongs:
 * `[@`, `[see @`, `[@a; @` in Markdown; `\cite{`, `\citep[p.~3]{a, ` in LaTeX.
 */
export function keyInProgress(linePrefix: string, language: CitationLanguage): KeyInProgress | undefined {
  if (language === 'latex') {
    const match = LATEX.exec(linePrefix);
    if (!match) return undefined;
    const typed = match[1]!.split(',').at(-1)!.trimStart();
    return { typed, column: linePrefix.length - typed.length };
  }
  const open = linePrefix.lastIndexOf('[');
  if (open < 0 || linePrefix.indexOf(']', open) >= 0) return undefined;
  const match = PANDOC.exec(linePrefix.slice(open + 1));
  if (!match) return undefined;
  const typed = match[1]!;
  return { typed, column: linePrefix.length - typed.length };
}

/** The rest of a key after the cursor, so accepting a completion replaces the whole key. */
export function keyRestLength(lineSuffix: string): number {
  return /^[\p{L}\p{N}_:.#$%&\-+?<>~/]*/u.exec(lineSuffix)![0].length;
}

/**
 * What a completed key needs after it so the citation is closed: `]` in Markdown, `}` in LaTeX, unless the
 * rest of the line already closes it (e.g. completing inside `[@sti]` or `\cite{a, b}`).
 */
export function closingAfterKey(lineSuffixAfterKey: string, language: CitationLanguage): string {
  const [close, opens] = language === 'latex' ? ['}', /[{\\]/] : [']', /\[/];
  const closeAt = lineSuffixAfterKey.indexOf(close);
  const nextOpen = lineSuffixAfterKey.search(opens);
  return closeAt >= 0 && (nextOpen < 0 || closeAt < nextOpen) ? '' : close;
}
