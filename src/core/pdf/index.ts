/**
 * The PDF core's public surface for the VS Code layer and the CLI. Pure Node: no `vscode` import; pdf.js
 * itself only ever loads inside the worker (dist/pdfWorker.js).
 */
export { anchorQuote, matchQuality, MIN_FUZZY_SCORE, rectsForRange, type AnchorMethod, type AnchorPart, type AnchorOptions, type AnchorStatus, type QuoteAnchor, type QuoteSelector } from './anchor';
export { disposeSharedExtractor, extractDocument, PdfTextExtractor, poolSize, type ExtractOptions, type ExtractorOptions } from './extractor';
export { defaultPdfDir, defaultTextCacheDir } from './locations';
export { matchKey, normalizeText, readableQuote } from './normalize';
export { quoteFromSelection, type SelectedQuote } from './quoteFromSelection';
export { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
export { PdfReadError, type PdfErrorKind } from './pdfErrors';
export type { DocumentText, PageItem, PageLayout, PdfTextEngine, TextBox } from './textModel';
export { formatVerifyTable, TABLE_WIDTH } from './verifyTable';
export { hasFailures, pdfPathFor, summarize, verifyCorpusQuotes, type QuoteVerdict, type VerifyOptions, type VerifyStatus, type VerifySummary } from './verifyQuotes';
