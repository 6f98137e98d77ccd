/**
 * The talk report (issue 13): a document's claims with their evidence, as self-contained HTML or Markdown.
 * Pure Node: the CLI `report` command and the "Export Evidence Report…" command both call makeReport.
 */
export { BIBLIOGRAPHY_STYLES, formatBibliography, isBibliographyStyle, type BibliographyEntry, type BibliographyStyle } from './bibliography';
export { loadDocumentClaims, type DocumentClaimsOptions, type DocumentClaimsSource } from './documentSource';
export { escapeHtml, escapeMarkdown, revealInvisible } from './escape';
export { buildReport, documentHeadings, pageUrl, type Report, type ReportClaim, type ReportQuote, type ReportSection, type ReportSummary } from './model';

export { makeReport, REPORT_FORMATS, type ReportFormat } from './makeReport';
