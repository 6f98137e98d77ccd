/**
 * Where a claim's text sits in its talk. The talk is Markdown whose list items carry markup the slides did
 * not ("- ", and "\+ " for a pro): a claim is matched against each line with that markup stripped, so its
 * text is the slide's own words.
 */
export interface TalkSpan {
  /** 1-based line of the talk. */
  readonly line: number;
  /** 0-based offset of the span in the raw line (markup included). */
  readonly column: number;
}

const LINE_MARKUP = /^\s*(?:#{1,6}\s+|[-*]\s+(?:\\\+\s+)?|\d+\.\s+)?/;

export function stripLineMarkup(line: string): string {
  return line.replace(LINE_MARKUP, '');
}

/** The first line holding `text` verbatim, or undefined when no single line holds it. */
export function findInTalk(markdown: string, text: string): TalkSpan | undefined {
  const lines = markdown.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const stripped = stripLineMarkup(raw);
    const at = stripped.indexOf(text);
    if (at >= 0) return { line: index + 1, column: raw.length - stripped.length + at };
  }
  return undefined;
}
