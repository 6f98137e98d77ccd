/**
 * Text normalisation that real PDFs need before a quote can be compared with them: ligatures (ﬁ ﬂ ﬀ),
 * words hyphenated at line ends, soft hyphens, curly quotes and dashes, and runs of whitespace.
 */
const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

export function normalizeText(text: string): string {
  return text
    .replace(/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(/\u00AD/g, '') // soft hyphen
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, '$1$2') // line-end hyphenation: "compari-\nson" → "comparison"
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A looser form for matching: also ignores case and whether a hyphen is there at all ("state-of-the-art"). */
export function matchKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/-\s?/g, '').replace(/\s+/g, ' ');
}
