export { commitFile, removeQuietly, tempNameFor } from './atomicFile';
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  DEFAULT_TOTAL_TIMEOUT_MS,
  downloadPaperPdf,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
} from './download';
export { DownloadError, formatBytes, isDownloadError, type DownloadErrorDetails, type DownloadErrorKind } from './errors';
export { inspectLocalPdf, installLocalPdf, isSafePaperId, type InstallOptions, type LocalPdf } from './localPdf';
export { matchPdfsToPapers, pdfFilesIn, type FolderMatch, type MatchedBy, type MatchOptions, type PdfMatch } from './matchPdfs';
export { pdfHeaderProblem } from './pdfHeader';
export { isAllowedRedirect, isValidTestOrigin, pinnedDownloadUrl, type PinnedPaper, type UrlPolicy } from './pinnedUrl';
