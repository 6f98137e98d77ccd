import { stripLineMarkup } from './talkText';

/** A sentence of one line of a document: offsets in that line, [start, end). */
export interface LineSentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Fewer words than this is a heading fragment or a label, not a claim worth looking up. */
const MIN_WORDS = 3;
const SENTENCE_END = /[.!?…]+(?=\s|$)/g;

/**
 * The sentence of `line` (Markdown or LaTeX) that holds `column`: list, heading and \item markup stripped, split
 * after . ! ? …; undefined on a code fence, a LaTeX command line or a fragment too short to be a claim.
 */
export function sentenceAt(line: string, column: number): LineSentence | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('```') || /^\\[a-zA-Z]+(\[[^\]]*\])?(\{[^}]*\})*\s*$/.test(trimmed) || /^%/.test(trimmed)) return undefined;
  const body = stripLineMarkup(line).replace(/^\\item(\[[^\]]*\])?\s+/, '');
  const bodyStart = line.length - body.length;
  let start = bodyStart;
  for (const match of line.slice(bodyStart).matchAll(SENTENCE_END)) {
    const end = bodyStart + match.index + match[0].length;
    if (column < end || end === line.length) return sentenceIn(line, start, end);
    start = end;
  }
  return sentenceIn(line, start, line.length);
}

function sentenceIn(line: string, from: number, to: number): LineSentence | undefined {
  const raw = line.slice(from, to);
  const start = from + (raw.length - raw.trimStart().length);
  const end = to - (raw.length - raw.trimEnd().length);
  const text = line.slice(start, end);
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length >= MIN_WORDS ? { start, end, text } : undefined;
}
