import type { Paper, QuoteSource } from '../corpus/model';
import { EXCERPT_STATUS_TEXT, excerptStatusText, type ExcerptStatusTexts } from './statusText';
import type { QuoteAnchor } from '../pdf/anchor';
import { normalizeText } from '../pdf/normalize';
import type { TextBox } from '../pdf/textModel';
import { shortAuthors } from '../render/untrustedText';
import type { PaperRef } from '../panels/panelViews';

/** Which stored quote an excerpt panel shows. */
export interface ExcerptTarget {
  readonly paper: string;
  readonly quote: string;
  /** The page the corpus states (1-based, pinned version). */
  readonly page: number;
  readonly challenge?: string;
  readonly source?: QuoteSource;
}

/** The paragraph around a quote, split so the webview can mark the quote without parsing HTML. */
export interface ParagraphParts {
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

export interface ExcerptFound {
  readonly kind: 'excerpt';
  readonly target: ExcerptTarget;
  readonly paper: PaperRef;
  readonly status: QuoteAnchor['status'];
  readonly method: QuoteAnchor['method'];
  readonly score: number;
  /** The page to show: where the quote was found, or the stated page when it was not. */
  readonly page: number;
  readonly pageCount: number;
  /** The quote's boxes on `page`, in PDF user space. */
  readonly rects: readonly TextBox[];
  /** Every page the quote is on with its boxes there: two for a quote across a page break; [] when not found. */
  readonly parts: readonly ExcerptPart[];
  readonly paragraph: ParagraphParts;
  readonly pdfName: string;
  /** True when the PDF's hash differs from the pinned version's (an attached file of another version). */
  readonly otherVersion: boolean;
  /** The status line, written by the host ("Found approximately (score 0.93) on page 2…"). */
  readonly statusText: string;
}

/** The piece of a quote on one page, for highlighting. */
export interface ExcerptPart {
  readonly page: number;
  readonly rects: readonly TextBox[];
}

export interface ExcerptUnavailable {
  readonly kind: 'excerpt-unavailable';
  readonly target: ExcerptTarget;
  readonly paper?: PaperRef;
  readonly reason: 'pdf-missing' | 'pdf-error' | 'unknown-paper';
  readonly message: string;
}

export type ExcerptView = ExcerptFound | ExcerptUnavailable;

export function paperRefOf(paper: Paper): PaperRef {
  return { id: paper.id, title: paper.title, authorsShort: shortAuthors(paper.authors), year: paper.year, version: paper.version };
}

/** Splits the paragraph at the quote (compared after normalisation, ignoring case); whole paragraph if absent. */
export function splitParagraph(paragraph: string, quote: string): ParagraphParts {
  const needle = normalizeText(quote);
  let start = paragraph.indexOf(needle);
  if (start < 0) start = paragraph.toLowerCase().indexOf(needle.toLowerCase());
  if (start < 0 || needle === '') return { before: paragraph, match: '', after: '' };
  return { before: paragraph.slice(0, start), match: paragraph.slice(start, start + needle.length), after: paragraph.slice(start + needle.length) };
}

/** `texts`: the status line's words in the person's language (English by default). */
export function excerptFound(target: ExcerptTarget, paper: Paper, anchor: QuoteAnchor, pageCount: number, pdfName: string, pdfSha256: string, texts: ExcerptStatusTexts = EXCERPT_STATUS_TEXT): ExcerptFound {
  const view: Omit<ExcerptFound, 'statusText'> = {
    kind: 'excerpt',
    target,
    paper: paperRefOf(paper),
    status: anchor.status,
    method: anchor.method,
    score: anchor.score,
    page: anchor.page ?? Math.min(target.page, pageCount),
    pageCount,
    rects: anchor.rects,
    parts: anchor.parts.map(({ page, rects }) => ({ page, rects })),
    // Marked by what the PDF says there, not by the stored quote: a fuzzy match differs from the quote.
    paragraph: anchor.status === 'not-found' ? { before: '', match: '', after: '' } : splitParagraph(anchor.paragraph, anchor.matched || target.quote),
    pdfName,
    otherVersion: paper.sha256 !== undefined && paper.sha256 !== pdfSha256,
  };
  return { ...view, statusText: excerptStatusText(view, texts) };
}
