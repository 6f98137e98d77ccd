import { resolve } from 'node:path';
import type { Corpus } from '../core/corpus/model';
import {
  anchorQuote,
  defaultPdfDir,
  defaultTextCacheDir,
  extractDocument,
  hasFailures,
  pdfPathFor,
  PdfTextExtractor,
  poolSize,
  summarize,
  verifyCorpusQuotes,
  type AnchorStatus,
  type QuoteVerdict,
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

/** `excerpt --json` prints exactly this; other tools rely on it. */
export interface ExcerptJson {
  paper: string;
  page: number | null;
  status: AnchorStatus;
  text: string;
}

function formatSummary(summary: VerifySummary): string {
  return (
    `${summary.total} quotes: ${summary.found} found at their page, ${summary.foundElsewhere} found on another page, ` +
    `${summary.notFound} not found, ${summary.pdfMissing} unverified (PDF missing), ${summary.pdfError} in unreadable PDFs`
  );
}

function formatVerdict(verdict: QuoteVerdict): string {
  const quote = verdict.quote.length > 70 ? `${verdict.quote.slice(0, 69)}…` : verdict.quote;
  const method = verdict.method && verdict.method !== 'exact' ? ` [${verdict.method}${verdict.method === 'fuzzy' ? ` ${verdict.score?.toFixed(2)}` : ''}]` : '';
  return `${verdict.paper}  §${verdict.challenge}  p.${verdict.page}  ${verdict.label}${method}  "${quote}"`;
}

export async function verifyCommand(corpus: Corpus, flags: PdfFlags, json: boolean, io: Io): Promise<number> {
  const extractor = cliExtractor();
  try {
    const verdicts = await verifyCorpusQuotes(corpus, { pdfDir: flags.pdfDir, cacheDir: flags.cacheDir, extractor });
    const summary = summarize(verdicts);
    if (json) {
      io.out(JSON.stringify({ pdfs: flags.pdfDir, quotes: verdicts, summary }, null, 2));
    } else {
      for (const verdict of verdicts) io.out(formatVerdict(verdict));
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
    const result: ExcerptJson = { paper: request.paper, page: anchor.page, status: anchor.status, text: anchor.paragraph };
    if (json) io.out(JSON.stringify(result, null, 2));
    else io.out(anchor.status === 'not-found' ? `not found in ${file}` : `${request.paper} p.${anchor.page} (${anchor.status}, ${anchor.method}):\n\n${anchor.paragraph}`);
    if (anchor.status === 'not-found') io.err(`literature-companion: the quote was not found in ${file}`);
    return anchor.status === 'not-found' ? 1 : 0;
  } catch (error) {
    io.err(`literature-companion: ${(error as Error).message}`);
    return 1;
  } finally {
    await extractor.dispose();
  }
}
