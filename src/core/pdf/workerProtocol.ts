import type { PdfErrorKind } from './pdfErrors';
import type { PdfLimits } from './limits';
import type { EncodedPage } from './textCache';

/** Main thread → PDF worker: read one file. The worker also writes the cache entry, off the main thread. */
export interface ExtractJob {
  readonly id: number;
  readonly file: string;
  /** The file's bytes when the caller already holds them (it hashed them): the worker does not read it again. */
  readonly data?: Uint8Array;
  readonly sha256: string;
  readonly cacheDir: string | undefined;
  /** The secret that signs the cache entry the worker writes (see textCache.ts). */
  readonly cacheKey: Uint8Array;
  readonly limits: PdfLimits;
}

/** How the reader process (extractHost.ts) is set up; passed in its environment. */
export interface HostSettings {
  readonly workerScript: string;
  readonly maxHeapMb: number;
  readonly maxMemoryMb: number;
}

/** The reader process's exit code when it passed its memory cap. */
export const MEMORY_EXIT_CODE = 86;

/** PDF worker → main thread. Errors travel as data: Error objects lose their class across threads. */
export type ExtractReply =
  | { readonly id: number; readonly ok: true; readonly pages: EncodedPage[] }
  | { readonly id: number; readonly ok: false; readonly kind: PdfErrorKind | 'internal'; readonly message: string };
