/**
 * Escaping for the report's two formats. Everything that comes from the corpus, a claims file, an
 * annotation or the document goes through here: a report is handed to other people, so a quote must never
 * become markup, and invisible bidi controls (which can make text read differently from what it is, as in
 * "Trojan Source") are shown as visible code points instead of being obeyed.
 */

/** Bidi embedding, override and isolate controls, and the bare direction marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Other invisible control characters (C0 except tab/newline, DEL, C1) that have no business in a handout. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

const codePoint = (char: string) => `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;

/** Makes bidi and control characters visible as "[U+202E]" so a reader sees exactly what the text holds. */
export function revealInvisible(text: string): string {
  return text.replace(BIDI_CONTROLS, codePoint).replace(CONTROL_CHARACTERS, codePoint);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return revealInvisible(text).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);
}

/**
 * Text for Markdown inline content: Markdown's punctuation is backslash-escaped and `<`/`>`/`&` become
 * entities (Markdown renderers pass raw HTML through), line breaks become spaces so a quote cannot start a
 * heading or a list of its own. The writer never puts escaped text at the start of a line (it always
 * follows "- ", "> “", "# " or a number), so "1." or "#" inside a text stays literal.
 */
export function escapeMarkdown(text: string): string {
  return revealInvisible(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A URL for an href: only http(s), with characters that could leave the attribute percent-encoded. */
export function safeHttpUrl(url: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/["'<>\\\s`]/g, (char) => encodeURIComponent(char));
}
