import type { BibliographyStyle } from './bibliography';
import type { ReportFormat } from './makeReport';
import type { ReportInput } from './model';

/** What the host posts to a report worker (worker_threads on Node, a Blob-URL Web Worker on the web). */
export interface ReportWorkerData {
  readonly input: Omit<ReportInput, 'date'> & { readonly date: string };
  readonly format: ReportFormat;
  readonly style: BibliographyStyle;
}

/** What a report worker answers: the finished text, or why not. */
export interface ReportWorkerAnswer {
  readonly text?: string;
  readonly error?: string;
}
