import { resolve } from 'node:path';
import type { Corpus } from '../core/corpus/model';
import {
  anchorQuote,
  defaultPdfDir,
  defaultTextCacheDir,
  extractDocument,
  formatVerifyTable,
  hasFailures,
  pdfPathFor,
  PdfTextExtractor,
  poolSize,
  summarize,
  verifyCorpusQuotes,
  type AnchorStatus,
  type QuoteAnchor,
  type VerifySummary,
} from '../core/pdf';
import { existsSync } from 'node:fs';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Flags shared by the commands that read PDFs. */
export interface PdfFlags {
  readonly pdfDir: string;
  readonly cacheDir: string;
}

export function pdfFlags(option: (name: string) => string | undefined): PdfFlags {
  return { pdfDir: resolve(option('--pdfs') ?? defaultPdfDir()), cacheDir: resolve(option('--cache') ?? defaultTextCacheDir()) };
}

/** The CLI reads several PDFs in a row and has nothing else to do meanwhile: a worker a core. */
function cliExtractor(): PdfTextExtractor {
  return new PdfTextExtractor({ workers: poolSize(0) });
}

/**
 * `excerpt --json` prints exactly this; other tools rely on it. The two optional fields appear only when
 * they say something: `score` when the match is approximate (fuzzy), `pages` when the quote runs across
 * a page break (`page` is then its first page).
 */
export interface ExcerptJson {
  paper: string;
  page: number | null;
  status: AnchorStatus;
  text: string;
  score?: number;
  pages?: number[];
}

function excerptJson(paper: string, anchor: QuoteAnchor): ExcerptJson {
  const json: ExcerptJson = { paper, page: anchor.page, status: anchor.status, text: anchor.paragraph };
  if (anchor.method === 'fuzzy') json.score = Math.round(anchor.score * 1000) / 1000;
  if (anchor.parts.length > 1) json.pages = anchor.parts.map((part) => part.page);
  return json;
}

/** "p.2", or "pp.11–12" for a quote across a page break. */
function pagesLabel(anchor: QuoteAnchor): string {
  const pages = [...new Set(anchor.parts.map((part) => part.page))];
  return pages.length > 1 ? `pp.${pages[0]}–${pages[pages.length - 1]}` : `p.${anchor.page}`;
}

function formatSummary(summary: VerifySummary): string {
  return (
    `${summary.total} quotes: ${summary.found} found at their page, ${summary.foundElsewhere} found on another page, ` +
    `${summary.notFound} not found, ${summary.pdfMissing} unverified (PDF missing), ${summary.pdfError} in unreadable PDFs` +
    (summary.approximate > 0 ? `; ${summary.approximate} of those found only approximately (not verbatim: copy them from the PDF)` : '')
  );
}

export async function verifyCommand(corpus: Corpus, flags: PdfFlags, json: boolean, io: Io): Promise<number> {
  const extractor = cliExtractor();
  try {
    const verdicts = await verifyCorpusQuotes(corpus, { pdfDir: flags.pdfDir, cacheDir: flags.cacheDir, extractor });
    const summary = summarize(verdicts);
    if (json) {
      io.out(JSON.stringify({ pdfs: flags.pdfDir, quotes: verdicts, summary }, null, 2));
    } else {
      for (const line of formatVerifyTable(verdicts)) io.out(line);
      for (const message of new Set(verdicts.flatMap((verdict) => verdict.message ?? []))) io.err(`literature-companion: ${message}`);
      io.out(formatSummary(summary));
      if (summary.pdfMissing > 0) io.out(`PDFs are read from ${flags.pdfDir} (files named <arXiv id>.pdf); pass --pdfs DIR to use another folder.`);
    }
    return hasFailures(summary) ? 1 : 0;
  } finally {
    await extractor.dispose();
  }
}

export interface ExcerptRequest {
  readonly paper: string | undefined;
  readonly quote: string | undefined;
  readonly page: string | undefined;
}

/** "found", "found on another page than stated, normalized", "found approximately (score 0.97)"… */
function excerptHeadline(anchor: QuoteAnchor): string {
  const where = anchor.status === 'found-elsewhere' ? ' on another page than stated' : '';
  if (anchor.method === 'fuzzy') return `found approximately${where} (score ${anchor.score.toFixed(2)})`;
  return `found${where}${anchor.method === 'normalized' ? ', normalized' : ''}`;
}

export async function excerptCommand(corpus: Corpus, request: ExcerptRequest, flags: PdfFlags, json: boolean, io: Io): Promise<number> {
  if (!request.paper || !request.quote) {
    io.err('literature-companion: excerpt needs --paper ID and --quote TEXT');
    return 2;
  }
  const page = request.page === undefined ? undefined : Number(request.page);
  if (page !== undefined && !(Number.isInteger(page) && page >= 1)) {
    io.err(`literature-companion: --page must be a page number (1 or more), not "${request.page}"`);
    return 2;
  }
  if (!corpus.papers.has(request.paper)) {
    io.err(`literature-companion: unknown paper "${request.paper}"; known papers: ${[...corpus.papers.keys()].join(', ')}`);
    return 1;
  }
  const file = pdfPathFor(flags.pdfDir, request.paper);
  if (!existsSync(file)) {
    io.err(`literature-companion: no PDF for paper ${request.paper}: ${file} does not exist; put the PDF there or pass --pdfs DIR`);
    return 1;
  }
  const extractor = cliExtractor();
  try {
    const document = await extractDocument(file, { cacheDir: flags.cacheDir, extractor });
    const anchor = anchorQuote(document.pages, { exact: request.quote, page });
    if (json) io.out(JSON.stringify(excerptJson(request.paper, anchor), null, 2));
    // Not found: one message, on stderr (it used to be said on both streams, which a terminal runs together).
    if (anchor.status === 'not-found') {
      io.err(`literature-companion: the quote was not found in ${file}${page === undefined ? '' : ` (stated page ${page})`}`);
      return 1;
    }
    if (!json) io.out(`${request.paper} ${pagesLabel(anchor)}: ${excerptHeadline(anchor)}\n\n${anchor.paragraph}`);
    return 0;
  } catch (error) {
    io.err(`literature-companion: ${(error as Error).message}`);
    return 1;
  } finally {
    await extractor.dispose();
  }
}
