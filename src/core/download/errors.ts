/** Why a download or an attach failed, in terms a person can act on. The VS Code layer localises by `kind`. */
export type DownloadErrorKind =
  | 'not-allowed'
  | 'offline'
  | 'http'
  | 'timeout'
  | 'too-large'
  | 'hash-mismatch'
  | 'connection-dropped'
  | 'not-pdf'
  | 'exists'
  | 'write-failed'
  | 'cancelled';

export interface DownloadErrorDetails {
  readonly url?: string;
  /** HTTP status when kind is 'http'. */
  readonly status?: number;
  /** Node's error code (ENOTFOUND, ECONNREFUSED, EACCES…) when there is one. */
  readonly code?: string;
  readonly receivedBytes?: number;
  readonly expectedBytes?: number;
  readonly limitBytes?: number;
  readonly timeoutMs?: number;
  readonly expectedSha256?: string;
  readonly actualSha256?: string;
  /** The file involved (the target, or the local file being attached). */
  readonly file?: string;
  /** The first bytes received, when they were not a PDF header (printable characters only). */
  readonly startedWith?: string;
}

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly kind: DownloadErrorKind,
    message: string,
    readonly details: DownloadErrorDetails = {},
  ) {
    super(message);
  }
}

export function isDownloadError(error: unknown): error is DownloadError {
  return error instanceof DownloadError;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
