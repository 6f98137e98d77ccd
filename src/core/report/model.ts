/**
 * The talk report's model: a document's claims in document order, grouped under the document's headings
 * (the slides), each with its verdict, rationale and every quote (paper, pinned version, page, a link to
 * that page of the PDF); a summary of the whole; the papers cited, for the bibliography. Pure: the HTML and
 * Markdown writers only format it.
 */
import type { DocumentClaim, OrphanClaim } from '../claims/documentClaims';
import { say } from '../l10n/displayText';
import { REPORT_TEXT, type ReportTexts } from './reportText';
import { VERDICTS, type Verdict } from '../claims/model';
import type { Corpus, Paper } from '../corpus/model';
import { shortAuthors } from '../panels/panelModels';
import type { PinnedQuote } from '../common/pinnedQuote';

export interface ReportQuote extends PinnedQuote {
  /** "Stiennon et al. 2020", or the bare id for a paper the corpus does not have. */
  readonly paperLabel: string;
  readonly paperTitle?: string;
  /** False for a quote copied from a transcription: unverified until checked against the PDF. */
  readonly verified: boolean;
  /** The page of the pinned PDF, e.g. https://arxiv.org/pdf/2009.01325v3#page=8; absent when unknown. */
  readonly url?: string;
  /** False when the quote names another version than the one the corpus pins (its page may differ). */
  readonly pinned: boolean;
}

export interface ReportClaim {
  readonly key: string;
  readonly origin: DocumentClaim['origin'];
  /** 1-based line of the claim in the document. */
  readonly line: number;
  readonly text: string;
  readonly gloss?: string;
  readonly verdict: Verdict;
  readonly verdictLabel: string;
  readonly rationale?: string;
  readonly note?: string;
  readonly quotes: readonly ReportQuote[];
}

export interface ReportSection {
  /** The heading's text without its markup; undefined for claims before the first heading. */
  readonly heading?: string;
  /** 1 for a top-level heading (Markdown "#", LaTeX \section), deeper for sub-headings. */
  readonly level: number;
  readonly line?: number;
  readonly claims: readonly ReportClaim[];
}

export interface ReportSummary {
  readonly claims: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  readonly quotes: number;
  /** Distinct papers the claims' quotes cite. */
  readonly papersCited: number;
  readonly unverifiedQuotes: number;
  /** Claims of the document's annotations that no longer anchor in it (listed, not dropped). */
  readonly orphans: number;
}

export interface Report {
  /** The report's own words, in the language it is written in. */
  readonly texts: ReportTexts;
  readonly title: string;
  readonly documentName: string;
  /** ISO date (YYYY-MM-DD) the report was made. */
  readonly date: string;
  readonly summary: ReportSummary;
  readonly sections: readonly ReportSection[];
  readonly orphans: readonly { readonly text: string; readonly verdict: Verdict }[];
  /** Cited papers the corpus has, in first-cited order; the bibliography formats them. */
  readonly papers: readonly Paper[];
  /** Cited paper ids the corpus does not have (reported, not silently dropped). */
  readonly unknownPapers: readonly string[];
}

export interface Heading {
  readonly text: string;
  readonly level: number;
  readonly line: number;
  /** UTF-16 offset of the heading line's start. */
  readonly offset: number;
}

const MARKDOWN_HEADING = /^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const LATEX_HEADING = /^\s*\\(part|chapter|section|subsection|subsubsection|frametitle)\*?\s*(?:\[[^\]]*\])?\s*\{(.+)\}\s*$/;
const LATEX_LEVELS: Record<string, number> = { part: 1, chapter: 1, section: 1, subsection: 2, subsubsection: 3, frametitle: 2 };

/** The headings of a Markdown or LaTeX document (fenced code blocks skipped). */
export function documentHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let offset = 0;
  let fenced = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const markdown = fenced ? null : MARKDOWN_HEADING.exec(line);
    const latex = fenced ? null : LATEX_HEADING.exec(line);
    if (markdown) headings.push({ text: markdown[2]!, level: markdown[1]!.length, line: index + 1, offset });
    else if (latex) headings.push({ text: latex[2]!, level: LATEX_LEVELS[latex[1]!]!, line: index + 1, offset });
    offset += raw.length + 1;
  });
  return headings;
}

const ARXIV_ID = /^\d{4}\.\d{4,5}$/;

/** The page of the quote's PDF: arXiv's own URL for the version named, else the corpus's pdfUrl. */
export function pageUrl(paperId: string, version: string, page: number, paper?: Pick<Paper, 'pdfUrl'>): string | undefined {
  if (ARXIV_ID.test(paperId)) return `https://arxiv.org/pdf/${paperId}${/^v\d+$/.test(version) ? version : ''}#page=${page}`;
  if (paper && /^https?:\/\//i.test(paper.pdfUrl)) return `${paper.pdfUrl.replace(/#.*$/, '')}#page=${page}`;
  return undefined;
}

function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

export interface ReportInput {
  readonly corpus: Pick<Corpus, 'papers'>;
  readonly documentName: string;
  readonly text: string;
  readonly claims: readonly DocumentClaim[];
  readonly orphans?: readonly OrphanClaim[];
  readonly date?: Date;
  /** The report's words (English by default). */
  readonly texts?: ReportTexts;
}

export function buildReport({ corpus, documentName, text, claims, orphans = [], date = new Date(), texts = REPORT_TEXT }: ReportInput): Report {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const headings = documentHeadings(text);
  const ordered = [...claims].sort((a, b) => a.start - b.start || a.end - b.end);
  const sections: { heading?: Heading; claims: ReportClaim[] }[] = [];
  const cited: string[] = [];
  let headingIndex = -1;
  for (const claim of ordered) {
    while (headingIndex + 1 < headings.length && headings[headingIndex + 1]!.offset <= claim.start) headingIndex++;
    const heading = headings[headingIndex];
    let section = sections.at(-1);
    if (!section || section.heading !== heading) sections.push((section = { heading, claims: [] }));
    const quotes = claim.evidence.map((evidence): ReportQuote => {
      const paper = corpus.papers.get(evidence.paper);
      if (!cited.includes(evidence.paper)) cited.push(evidence.paper);
      return {
        paper: evidence.paper,
        paperLabel: paper ? `${shortAuthors(paper.authors)} ${paper.year}` : evidence.paper,
        paperTitle: paper?.title,
        version: evidence.version,
        page: evidence.page,
        quote: evidence.quote,
        verified: evidence.verified,
        url: pageUrl(evidence.paper, evidence.version, evidence.page, paper),
        pinned: paper ? paper.version === evidence.version : false,
      };
    });
    section.claims.push({
      key: claim.key,
      origin: claim.origin,
      line: lineAt(lineStarts, claim.start),
      text: claim.text,
      gloss: claim.gloss,
      verdict: claim.verdict,
      verdictLabel: say(texts, claim.verdict),
      rationale: claim.rationale,
      note: claim.note,
      quotes,
    });
  }
  const byVerdict = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const claim of ordered) byVerdict[claim.verdict]++;
  const allQuotes = sections.flatMap((section) => section.claims.flatMap((claim) => claim.quotes));
  return {
    texts,
    title: say(texts, 'title', documentName),
    documentName,
    date: date.toISOString().slice(0, 10),
    summary: {
      claims: ordered.length,
      byVerdict,
      quotes: allQuotes.length,
      papersCited: cited.length,
      unverifiedQuotes: allQuotes.filter((quote) => !quote.verified).length,
      orphans: orphans.length,
    },
    sections: sections.map(({ heading, claims: sectionClaims }) => ({ heading: heading?.text, level: heading?.level ?? 1, line: heading?.line, claims: sectionClaims })),
    orphans: orphans.map(({ text: orphanText, verdict }) => ({ text: orphanText, verdict })),
    papers: cited.map((id) => corpus.papers.get(id)).filter((paper): paper is Paper => paper !== undefined),
    unknownPapers: cited.filter((id) => !corpus.papers.has(id)),
  };
}
