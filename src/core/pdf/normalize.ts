/**
 * Text normalisation that real PDFs need before a quote can be compared with them: ligatures (ﬁ ﬂ ﬀ),
 * words hyphenated at line ends, soft hyphens, curly quotes and dashes, and runs of whitespace.
 *
 * Every step keeps a map from each output character back to the raw character it came from, so a match
 * found in normalised text can be turned back into raw offsets (and from there into item rectangles).
 */
const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

/** Normalised text plus, for each of its characters, the offset of the raw character it came from. */
export interface MappedText {
  readonly text: string;
  /** `toRaw[i]` is the raw offset of `text[i]`; one extra entry at the end holds the raw length. */
  readonly toRaw: readonly number[];
}

type Replacement = string | ((match: string) => string);

/** Steps of normalizeText, in order. Hyphenation uses lookarounds so only the hyphen and line end go. */
const NORMALIZE_STEPS: readonly [RegExp, Replacement][] = [
  [/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature],
  [/\u00AD/g, ''], // soft hyphen
  [/(?<=\p{L})-[^\S\n]*\n\s*(?=\p{Ll})/gu, ''], // line-end hyphenation: "compari-\nson" → "comparison"
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/\s+/g, ' '],
];

/** matchKey's extra steps: whether a hyphen is there at all ("state-of-the-art" / "state of the art" differ). */
const MATCH_KEY_STEPS: readonly [RegExp, Replacement][] = [
  [/- ?/g, ''],
  [/\s+/g, ' '],
];

export function identityMapped(text: string): MappedText {
  return { text, toRaw: Array.from({ length: text.length + 1 }, (_, index) => index) };
}

/**
 * Replaces every match of `pattern`; replacement characters map to the first raw character of their match
 * (a ligature's "f" and "i" both point at the ﬁ), deleted characters vanish from the map.
 */
function replaceMapped(source: MappedText, pattern: RegExp, replacement: Replacement): MappedText {
  const changes = pattern.test(source.text);
  pattern.lastIndex = 0; // test() on a /g pattern moves it, and matchAll starts from it
  if (!changes) return source; // most steps change nothing on most pages: skip the copy
  let text = '';
  const toRaw: number[] = [];
  let copiedUpTo = 0;
  const copy = (end: number) => {
    text += source.text.slice(copiedUpTo, end);
    for (let index = copiedUpTo; index < end; index++) toRaw.push(source.toRaw[index]!);
  };
  for (const match of source.text.matchAll(pattern)) {
    const start = match.index;
    copy(start);
    const replaced = typeof replacement === 'string' ? replacement : replacement(match[0]);
    text += replaced;
    for (let index = 0; index < replaced.length; index++) toRaw.push(source.toRaw[start]!);
    copiedUpTo = start + match[0].length;
  }
  copy(source.text.length);
  toRaw.push(source.toRaw[source.text.length]!);
  return { text, toRaw };
}

function trimMapped(source: MappedText): MappedText {
  const start = source.text.length - source.text.trimStart().length;
  const end = source.text.trimEnd().length;
  if (start >= end) return { text: '', toRaw: [source.toRaw[source.text.length]!] };
  return { text: source.text.slice(start, end), toRaw: [...source.toRaw.slice(start, end), source.toRaw[end]!] };
}

function lowerCaseMapped(source: MappedText): MappedText {
  const lower = source.text.toLowerCase();
  // toLowerCase keeps the length except for rare letters (İ → i̇); fall back to per-character mapping then.
  if (lower.length === source.text.length) return { text: lower, toRaw: source.toRaw };
  return replaceMapped(source, /./gsu, (char) => char.toLowerCase());
}

function applySteps(source: MappedText, steps: readonly [RegExp, Replacement][]): MappedText {
  return trimMapped(steps.reduce((mapped, [pattern, replacement]) => replaceMapped(mapped, pattern, replacement), source));
}

/** Only whitespace collapsed: what "the exact quote" means for text that a PDF breaks into lines. */
export function collapseWhitespaceMapped(raw: string): MappedText {
  return applySteps(identityMapped(raw), [[/\s+/g, ' ']]);
}

export function normalizeTextMapped(raw: string): MappedText {
  return applySteps(identityMapped(raw), NORMALIZE_STEPS);
}

/** The looser matching form, mapped back to raw offsets. */
export function matchKeyMapped(raw: string): MappedText {
  return applySteps(lowerCaseMapped(normalizeTextMapped(raw)), MATCH_KEY_STEPS);
}

export function normalizeText(text: string): string {
  return normalizeTextMapped(text).text;
}

/** A looser form for matching: also ignores case and whether a hyphen is there at all ("state-of-the-art"). */
export function matchKey(text: string): string {
  return matchKeyMapped(text).text;
}

/** The raw range [start, end) that the mapped range [start, end) came from. */
export function rawRange(mapped: MappedText, start: number, end: number): { start: number; end: number } {
  return { start: mapped.toRaw[start]!, end: mapped.toRaw[end - 1]! + 1 };
}

/** What a quote copied from a page keeps: the printed characters, with only the PDF's artefacts undone. */
const READABLE_STEPS: readonly [RegExp, Replacement][] = [NORMALIZE_STEPS[0]!, NORMALIZE_STEPS[1]!, NORMALIZE_STEPS[2]!, [/\s+/g, ' ']];

/**
 * A passage of a page's raw text as a person would write the quote: ligatures spelled out, soft hyphens
 * and line-end hyphenation removed, line breaks as spaces; quotes, dashes and case as printed.
 */
export function readableQuote(raw: string): string {
  return applySteps(identityMapped(raw), READABLE_STEPS).text;
}
