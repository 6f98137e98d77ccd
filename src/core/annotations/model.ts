import type { PinnedQuote } from '../common/pinnedQuote';
/**
 * A claim annotation, as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/), so other tools
 * (Hypothesis, Recogito, any JSON-LD reader) can read what this extension writes.
 *
 *   {
 *     "@context": "http://www.w3.org/ns/anno.jsonld",
 *     "id": "urn:uuid:…", "type": "Annotation",
 *     "created": "2026-…Z", "modified": "2026-…Z",            ← `modified` decides merges (newer wins)
 *     "target": {
 *       "source": "talk/talk.md",                               ← the document, relative to the workspace, '/'-separated
 *       "selector": [
 *         { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
 *         { "type": "TextPositionSelector", "start": 120, "end": 181 }   ← UTF-16 offsets, [start, end)
 *       ]
 *     },
 *     "body": [
 *       { "type": "SpecificResource", "purpose": "linking",       ← one per piece of evidence
 *         "source": "https://arxiv.org/pdf/2009.01325v3#page=5",   ← the pinned PDF page (urn:… for non-arXiv papers)
 *         "paper": "2009.01325", "version": "v3", "page": 5, "quote": "verbatim text" },
 *       { "type": "TextualBody", "purpose": "classifying", "value": "partially-supports" },   ← exactly one
 *       { "type": "TextualBody", "purpose": "commenting", "value": "why", "format": "text/plain" }  ← optional
 *     ]
 *   }
 *
 * The `paper`/`version`/`page`/`quote` members of a linking body are this extension's own (JSON-LD readers
 * ignore them); `source` is derived from them so that a generic reader still gets a resolvable link. The
 * verdict is a classifying TextualBody rather than a custom type so that it stays valid Web Annotation.
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** As in SciFact/scite: what the evidence says about the claim. */
export type Verdict = 'supports' | 'partially-supports' | 'contradicts' | 'not-addressed';
export const VERDICTS: readonly Verdict[] = ['supports', 'partially-supports', 'contradicts', 'not-addressed'];

export interface TextQuoteSelector {
  readonly type: 'TextQuoteSelector';
  readonly exact: string;
  /** Up to CONTEXT_LENGTH characters before / after the claim, to choose between repeats. */
  readonly prefix: string;
  readonly suffix: string;
}

export interface TextPositionSelector {
  readonly type: 'TextPositionSelector';
  readonly start: number;
  readonly end: number;
}

export interface AnnotationTarget {
  readonly source: string;
  readonly selector: readonly [TextQuoteSelector, TextPositionSelector];
}

/** A quote as an annotation's body: the pinned passage, with the W3C fields that make it a linking body. */
export interface EvidenceBody extends PinnedQuote {
  readonly type: 'SpecificResource';
  readonly purpose: 'linking';
  readonly source: string;
}

export interface VerdictBody {
  readonly type: 'TextualBody';
  readonly purpose: 'classifying';
  readonly value: Verdict;
}

export interface NoteBody {
  readonly type: 'TextualBody';
  readonly purpose: 'commenting';
  readonly value: string;
  readonly format: 'text/plain';
}

export type AnnotationBody = EvidenceBody | VerdictBody | NoteBody;

export interface Annotation {
  readonly '@context': typeof ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'Annotation';
  readonly created: string;
  readonly modified: string;
  readonly target: AnnotationTarget;
  readonly body: readonly AnnotationBody[];
  /**
   * Set by `merge-annotations` on the other side's version of a claim both co-authors edited: the id of
   * the version it conflicts with. The pair is shown as conflicted until the person deletes one.
   */
  readonly conflictsWith?: string;
}

/** How much text around a claim the quote selector keeps: enough to tell repeats apart, short enough to survive edits. */
export const CONTEXT_LENGTH = 32;

/** A resolvable IRI for a piece of evidence: the pinned arXiv PDF at its page, or a URN for other papers. */
export function evidenceSource(paper: string, version: string, page: number): string {
  return /^\d{4}\.\d{4,5}$/.test(paper) ? `https://arxiv.org/pdf/${paper}${version}#page=${page}` : `urn:literature-companion:paper:${encodeURIComponent(paper)}${version ? `:${encodeURIComponent(version)}` : ''}#page=${page}`;
}

export function evidenceBody(evidence: PinnedQuote): EvidenceBody {
  return { type: 'SpecificResource', purpose: 'linking', source: evidenceSource(evidence.paper, evidence.version, evidence.page), ...evidence };
}

/** The selectors for the claim at [start, end) of `text`. */
export function selectorsFor(text: string, start: number, end: number): readonly [TextQuoteSelector, TextPositionSelector] {
  return [
    { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: text.slice(end, end + CONTEXT_LENGTH) },
    { type: 'TextPositionSelector', start, end },
  ];
}

/**
 * Whether the claim now at [start, end) of `text` reads differently from what its quote selector stored
 * (the claim's text, or the text around it). A claim that merely moved (text added or removed above it)
 * has not: its quote finds it again, and storing new offsets would turn every edit of the document into a
 * change of the annotation file (and into git conflicts between co-authors who both edited the document).
 */
export function quoteChanged(annotation: Annotation, text: string, start: number, end: number): boolean {
  const stored = annotation.target.selector[0];
  const now = selectorsFor(text, start, end)[0];
  return now.exact !== stored.exact || now.prefix !== stored.prefix || now.suffix !== stored.suffix;
}

export interface NewAnnotation {
  /** The document, relative to the workspace folder, with '/' separators. */
  readonly document: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly verdict: Verdict;
  readonly evidence?: readonly PinnedQuote[];
  readonly note?: string;
  readonly id?: string;
  readonly now?: Date;
}

export function createAnnotation(input: NewAnnotation): Annotation {
  const now = (input.now ?? new Date()).toISOString();
  return {
    '@context': ANNOTATION_CONTEXT,
    id: input.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: 'Annotation',
    created: now,
    modified: now,
    target: { source: input.document, selector: selectorsFor(input.text, input.start, input.end) },
    body: bodiesFor(input.verdict, input.evidence ?? [], input.note),
  };
}

export function bodiesFor(verdict: Verdict, evidence: readonly PinnedQuote[], note?: string): AnnotationBody[] {
  return [
    ...evidence.map(evidenceBody),
    { type: 'TextualBody', purpose: 'classifying', value: verdict },
    ...(note ? [{ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' } as const] : []),
  ];
}

export function quoteSelector(annotation: Annotation): TextQuoteSelector {
  return annotation.target.selector[0];
}
export function positionSelector(annotation: Annotation): TextPositionSelector {
  return annotation.target.selector[1];
}
export function verdictOf(annotation: Annotation): Verdict {
  return (annotation.body.find((body): body is VerdictBody => body.purpose === 'classifying')?.value) ?? 'not-addressed';
}
export function evidenceOf(annotation: Annotation): EvidenceBody[] {
  return annotation.body.filter((body): body is EvidenceBody => body.purpose === 'linking');
}
export function noteOf(annotation: Annotation): string | undefined {
  return annotation.body.find((body): body is NoteBody => body.purpose === 'commenting')?.value;
}

/** A copy with new fields and `modified` set to now (merges compare `modified`, so every edit must go through here). */
export function touch(annotation: Annotation, changes: Partial<Pick<Annotation, 'target' | 'body'>>, now = new Date()): Annotation {
  return { ...annotation, ...changes, modified: now.toISOString() };
}
