/**
 * The PDF core's public surface for the VS Code layer and the CLI. Pure Node: no `vscode` import; pdf.js
 * itself only ever loads inside the worker (dist/pdfWorker.js).
 */
export { anchorQuote, rectsForRange, type AnchorMethod, type AnchorOptions, type AnchorStatus, type QuoteAnchor, type QuoteSelector } from './anchor';
export { disposeSharedExtractor, extractDocument, PdfTextExtractor, poolSize, type ExtractOptions, type ExtractorOptions } from './extractor';
export { defaultPdfDir, defaultTextCacheDir } from './locations';
export { matchKey, normalizeText } from './normalize';
export { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
export { PdfReadError, type PdfErrorKind } from './pdfErrors';
export type { DocumentText, PageItem, PageLayout, TextBox } from './textModel';
export { hasFailures, pdfPathFor, summarize, verifyCorpusQuotes, type QuoteVerdict, type VerifyOptions, type VerifyStatus, type VerifySummary } from './verifyQuotes';
