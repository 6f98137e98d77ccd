import type { PdfLimits } from './limits';
import type { PdfErrorKind } from './pdfErrors';
import type { PageLayout } from './textModel';

/** One PDF to read, sent to the web extension's PDF text worker (the bytes are transferred). */
export interface WebTextJob {
  readonly id: number;
  readonly file: string;
  readonly data: Uint8Array;
  readonly limits: PdfLimits;
}

export type WebTextReply =
  | { readonly id: number; readonly ok: true; readonly pages: PageLayout[] }
  | { readonly id: number; readonly ok: false; readonly kind: PdfErrorKind | 'internal'; readonly message: string };
