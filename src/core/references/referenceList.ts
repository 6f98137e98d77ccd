/**
 * A talk's own reference list: the list items under a "Sources" / "References" / "Источники" heading,
 * each with the title it gives and the address it cites. Pure: offsets into the document, no editor.
 */

/** Headings a reference list sits under, in the languages talks are written in here. */
const REFERENCES_HEADING = /(?:источник|литератур|библиограф|ссылки|references?\b|bibliography|sources|works cited|literature)/i;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^(\s*(?:\d+[.)]|[-*+])\s+)(.*)$/;
/** `<https://…>`, `[text](https://…)` or a bare address. */
const ADDRESS = /<(https?:\/\/[^>\s]+)>|\]\((https?:\/\/[^)\s]+)\)|(https?:\/\/[^\s<>)\]]+)/g;
/** What separates a title from its address: dashes, colons, commas, full stops, brackets and emphasis. */
const TRAILING_SEPARATORS = /[\s\-–—:,.;*_[(]+$/;
const LEADING_MARKUP = /^[\s*_"“«[]+/;

export interface CitedAddress {
  readonly url: string;
  /** Offsets of the address in the document. */
  readonly start: number;
  readonly end: number;
}

export interface ReferenceLine {
  /** 0-based line of the reference in the document. */
  readonly line: number;
  /** The title as the talk gives it, markup stripped. */
  readonly title: string;
  /** Offsets of the title in the document (what an editor link covers). */
  readonly titleStart: number;
  readonly titleEnd: number;
  readonly addresses: readonly CitedAddress[];
}

/** The reference lines of a Markdown document: list items under a references heading, up to the next heading of its level or above. */
export function parseReferenceList(markdown: string): ReferenceLine[] {
  const references: ReferenceLine[] = [];
  let listLevel: number | undefined;
  let offset = 0;
  const lines = markdown.split('\n');
  lines.forEach((text, line) => {
    const lineStart = offset;
    offset += text.length + 1;
    const heading = HEADING.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      if (listLevel !== undefined && level <= listLevel) listLevel = undefined;
      if (listLevel === undefined && REFERENCES_HEADING.test(heading[2]!)) listLevel = level;
      return;
    }
    if (listLevel === undefined) return;
    const item = LIST_ITEM.exec(text.replace(/\r$/, ''));
    if (!item) return;
    const reference = referenceOf(item[2]!, lineStart + item[1]!.length, line);
    if (reference) references.push(reference);
  });
  return references;
}

function referenceOf(item: string, itemStart: number, line: number): ReferenceLine | undefined {
  const addresses = [...item.matchAll(ADDRESS)].map((match) => {
    // A Markdown link's address starts after its "](".
    const skip = match[2] ? 2 : 0;
    return { url: (match[1] ?? match[2] ?? match[3]!).replace(/[.,;]+$/, ''), start: itemStart + match.index + skip, end: itemStart + match.index + match[0].length };
  });
  // A Markdown link's text is the title ("[Title](url)"), and so is an emphasised or quoted opening
  // ("*Title*. arXiv, 2023."); otherwise the title is what comes before the first address.
  const linked = /^\[([^\]]+)\]\(https?:/.exec(item) ?? /^(?:\*\*|\*|__|_|"|“|«)([^*_"”»]+)(?:\*\*|\*|__|_|"|”|»)/.exec(item);
  const firstAddress = addresses[0] ? addresses[0].start - itemStart : item.length;
  const raw = linked ? linked[1]! : item.slice(0, firstAddress);
  const leading = LEADING_MARKUP.exec(raw)?.[0].length ?? 0;
  const title = raw.slice(leading).replace(TRAILING_SEPARATORS, '').replace(/["”»]+$/, '');
  if (!title) return undefined;
  const titleStart = itemStart + (linked ? linked[0].indexOf(linked[1]!) : 0) + leading;
  return { line, title, titleStart, titleEnd: titleStart + title.length, addresses };
}
