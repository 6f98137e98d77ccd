import type { Corpus, PaperId, QuoteSource } from '../corpus/model';
import { anchorQuote, type AnchorMethod } from './anchor';
import { platformFiles } from '../platform/fileSystem';
import type { DocumentText, PdfTextEngine } from './textModel';

/** found: at its stated page; found-elsewhere: on another page; pdf-error: the PDF is there but unreadable. */
export type VerifyStatus = 'found' | 'found-elsewhere' | 'not-found' | 'pdf-missing' | 'pdf-error';

export interface QuoteVerdict {
  readonly paper: PaperId;
  readonly challenge: string;
  readonly page: number;
  readonly quote: string;
  readonly source: QuoteSource;
  readonly status: VerifyStatus;
  /** What a person reads, e.g. "found elsewhere (p.7)", "found approximately (score 0.97)" or "unverified (PDF missing)". */
  readonly label: string;
  readonly foundPage?: number;
  readonly method?: AnchorMethod;
  readonly score?: number;
  /** Why the PDF could not be read (pdf-error). */
  readonly message?: string;
}

export interface VerifySummary {
  readonly total: number;
  readonly found: number;
  readonly foundElsewhere: number;
  readonly notFound: number;
  readonly pdfMissing: number;
  readonly pdfError: number;
  /** Of those found (at their page or elsewhere), how many only approximately: not verbatim, a failure. */
  readonly approximate: number;
}

export interface VerifyOptions {
  /** Folder of `<arXiv id>.pdf` files. */
  readonly pdfDir: string;
  /** Overrides `pdfDir` when PDFs may live in several folders (the extension's search order). */
  readonly locatePdf?: (paper: PaperId) => string | undefined | Promise<string | undefined>;
  readonly cacheDir?: string | null;
  /** Reads the PDFs' text: the PDF worker pool on the desktop and in the CLI, the Blob-URL worker on the web. */
  readonly extractor: PdfTextEngine;
}

import { pdfPathFor } from './pdfPath';

export { pdfPathFor };

/** A fuzzy match's score, for its label: a near miss must never read as the paper's words. */
type Approximate = { readonly score: number } | undefined;

function labelOf(status: VerifyStatus, source: QuoteSource, foundPage?: number, approximate?: Approximate): string {
  const score = approximate ? approximate.score.toFixed(2) : '';
  switch (status) {
    case 'found':
      return approximate ? `found approximately (score ${score})` : 'found';
    case 'found-elsewhere':
      return approximate ? `found approximately elsewhere (p.${foundPage}, score ${score})` : `found elsewhere (p.${foundPage})`;
    case 'not-found':
      return 'NOT FOUND';
    case 'pdf-missing':
      return source === 'transcription' ? 'unverified (PDF missing)' : 'PDF missing';
    case 'pdf-error':
      return 'PDF unreadable';
  }
}

/**
 * Checks every stored quote of the corpus against its paper's PDF. Every quote gets a verdict, whether or
 * not its PDF is there: nothing is dropped.
 */
export async function verifyCorpusQuotes(corpus: Corpus, options: VerifyOptions): Promise<QuoteVerdict[]> {
  const verdicts: QuoteVerdict[] = [];
  for (const paper of corpus.papers.keys()) {
    const quotes = corpus.links.filter((link) => link.paper === paper).flatMap((link) => link.evidence.map((evidence) => ({ ...evidence, challenge: link.challenge })));
    if (quotes.length === 0) continue;
    const file = options.locatePdf ? await options.locatePdf(paper) : pdfPathFor(options.pdfDir, paper);
    let document: DocumentText | undefined;
    let message: string | undefined;
    if (file && (await platformFiles().stat(file))) {
      document = await options.extractor.extract(file, { cacheDir: options.cacheDir }).catch((error: Error) => {
        message = error.message;
        return undefined;
      });
    }
    for (const quote of quotes) {
      const base = { paper, challenge: quote.challenge, page: quote.page, quote: quote.quote, source: quote.source };
      if (!document) {
        const status = message ? 'pdf-error' : 'pdf-missing';
        verdicts.push({ ...base, status, label: labelOf(status, quote.source), ...(message ? { message } : {}) });
        continue;
      }
      const anchor = anchorQuote(document.pages, { exact: quote.quote, page: quote.page });
      const found = anchor.status !== 'not-found' ? { foundPage: anchor.page!, method: anchor.method!, score: anchor.score } : {};
      const approximate = anchor.method === 'fuzzy' ? { score: anchor.score } : undefined;
      verdicts.push({ ...base, status: anchor.status, label: labelOf(anchor.status, quote.source, anchor.page ?? undefined, approximate), ...found });
    }
  }
  return verdicts;
}

export function summarize(verdicts: readonly QuoteVerdict[]): VerifySummary {
  const count = (status: VerifyStatus) => verdicts.filter((verdict) => verdict.status === status).length;
  return {
    total: verdicts.length,
    found: count('found'),
    foundElsewhere: count('found-elsewhere'),
    notFound: count('not-found'),
    pdfMissing: count('pdf-missing'),
    pdfError: count('pdf-error'),
    approximate: verdicts.filter((verdict) => verdict.method === 'fuzzy').length,
  };
}

/**
 * A quote of a PDF that is present but not confirmed verbatim at its stated page: what makes `verify`
 * fail. A quote found only approximately is not the paper's words.
 */
export function hasFailures(summary: VerifySummary): boolean {
  return summary.foundElsewhere + summary.notFound + summary.pdfError + summary.approximate > 0;
}
