/**
 * Citations in a document, with offsets for hover and go-to-definition: Pandoc's `[@key]`,
 * `[see @a, p. 5; @b]` and in-text `@key` in Markdown; `\cite{key}`, `\citep{a,b}`,
 * `\citet[p.~3]{key}` (and the natbib/biblatex family: any command with "cite" in its name) in LaTeX.
 * Code (Markdown fences and inline code) and LaTeX comments are skipped.
 */
export interface CitedKey {
  readonly key: string;
  /** Offsets of the key itself (without `@`), [start, end) in UTF-16 units. */
  readonly start: number;
  readonly end: number;
  /** Pandoc: text after the key inside its item ("p. 5"); LaTeX: the command's postnote. */
  readonly locator?: string;
}

export interface Citation {
  readonly syntax: 'pandoc' | 'pandoc-in-text' | 'latex';
  /** The LaTeX command without backslash (e.g. "citep"); absent for Pandoc. */
  readonly command?: string;
  /** Offsets of the whole citation, `[`…`]` or `\cite…{…}`. */
  readonly start: number;
  readonly end: number;
  readonly keys: readonly CitedKey[];
}

export type CitationLanguage = 'markdown' | 'latex';

/** Replaces the characters of [start, end) by spaces so offsets stay put. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => match.replace(/[^\n]/g, ' '));
}

// Pandoc citation keys: start with a letter, digit or _, may contain internal :.#$%&-+?<>~/ ; or @{any}.
const KEY = String.raw`@(?:\{([^{}\s]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))`;

export function parseCitations(text: string, language: CitationLanguage): Citation[] {
  return language === 'latex' ? parseLatex(text) : parsePandoc(text);
}

function parsePandoc(original: string): Citation[] {
  let text = blank(original, /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm);
  text = blank(text, /`[^`\n]+`/g);
  const citations: Citation[] = [];
  const taken: [number, number][] = [];
  for (const bracket of text.matchAll(/\[([^[\]]*@[^[\]]*)\](?!\(|:)/g)) {
    const inner = bracket[1]!;
    const innerStart = bracket.index! + 1;
    const keys: CitedKey[] = [];
    let itemStart = 0;
    let valid = true;
    for (const item of inner.split(';')) {
      const match = new RegExp(`(^|[\\s\\-])-?${KEY}`, 'u').exec(item);
      if (!match) {
        valid = false;
        break;
      }
      const key = match[2] ?? match[3]!;
      const keyStart = innerStart + itemStart + match.index + match[0].length - key.length - (match[2] ? 1 : 0);
      const rest = item.slice(match.index + match[0].length).replace(/^\s*,?\s*/, '').trim();
      keys.push({ key, start: keyStart, end: keyStart + key.length, ...(rest ? { locator: rest } : {}) });
      itemStart += item.length + 1;
    }
    if (!valid || keys.length === 0) continue;
    citations.push({ syntax: 'pandoc', start: bracket.index!, end: bracket.index! + bracket[0].length, keys });
    taken.push([bracket.index!, bracket.index! + bracket[0].length]);
  }
  // In-text citations: @key not inside a bracketed citation and not part of an e-mail address.
  for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_.@])${KEY}`, 'gu'))) {
    const at = match.index!;
    if (taken.some(([start, end]) => at >= start && at < end)) continue;
    const key = match[1] ?? match[2]!;
    const keyStart = at + 1 + (match[1] ? 1 : 0);
    citations.push({ syntax: 'pandoc-in-text', start: at, end: at + match[0].length, keys: [{ key, start: keyStart, end: keyStart + key.length }] });
  }
  return citations.sort((a, b) => a.start - b.start);
}

function parseLatex(original: string): Citation[] {
  const text = blank(original, /(?<!\\)%[^\n]*/g);
  const citations: Citation[] = [];
  const pattern = /\\([a-zA-Z]*cite[a-zA-Z]*)\*?\s*(?:\[([^\]]*)\])?\s*(?:\[([^\]]*)\])?\s*\{([^}]*)\}/g;
  for (const match of text.matchAll(pattern)) {
    const [whole, command, first, second, body] = match;
    const postnote = (second ?? first)?.trim();
    const bodyStart = match.index! + whole.length - 1 - body!.length;
    const keys: CitedKey[] = [];
    let offset = 0;
    for (const part of body!.split(',')) {
      const key = part.trim();
      if (key) {
        const start = bodyStart + offset + part.indexOf(key);
        keys.push({ key, start, end: start + key.length, ...(postnote ? { locator: postnote } : {}) });
      }
      offset += part.length + 1;
    }
    if (keys.length > 0) citations.push({ syntax: 'latex', command: command!, start: match.index!, end: match.index! + whole.length, keys });
  }
  return citations;
}

/** The citation and key under `offset` (for hover / go-to-definition); the key only when the offset is on it. */
export function citationAt(citations: readonly Citation[], offset: number): { citation: Citation; key?: CitedKey } | undefined {
  const citation = citations.find((c) => offset >= c.start && offset <= c.end);
  if (!citation) return undefined;
  return { citation, key: citation.keys.find((k) => offset >= k.start && offset <= k.end) };
}

/** The language of a document from its file name: LaTeX for .tex/.ltx/.sty, Markdown otherwise. */
export function citationLanguageOf(fileName: string): CitationLanguage {
  return /\.(tex|ltx|sty|cls)$/i.test(fileName) ? 'latex' : 'markdown';
}
