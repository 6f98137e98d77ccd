/**
 * The talk report (issue 13): a document's claims with their evidence, as self-contained HTML or Markdown.
 * Pure Node: the CLI `report` command and the "Export Evidence Report…" command both call makeReport.
 */
import { formatBibliography, type BibliographyStyle } from './bibliography';
import { renderReportHtml } from './html';
import { renderReportMarkdown } from './markdown';
import { buildReport, type ReportInput } from './model';

export { BIBLIOGRAPHY_STYLES, formatBibliography, isBibliographyStyle, type BibliographyEntry, type BibliographyStyle } from './bibliography';
export { loadDocumentClaims, type DocumentClaimsOptions, type DocumentClaimsSource } from './documentSource';
export { escapeHtml, escapeMarkdown, revealInvisible } from './escape';
export { buildReport, documentHeadings, pageUrl, type Report, type ReportClaim, type ReportQuote, type ReportSection, type ReportSummary } from './model';

export type ReportFormat = 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md'];

const STYLE_NAMES: Record<BibliographyStyle, string> = { apa: 'APA (7th edition)', vancouver: 'Vancouver', harvard1: 'Harvard' };

export function makeReport(input: ReportInput, format: ReportFormat, style: BibliographyStyle = 'apa'): string {
  const report = buildReport(input);
  const bibliography = formatBibliography(report.papers, style);
  return format === 'md' ? renderReportMarkdown(report, bibliography, STYLE_NAMES[style]) : renderReportHtml(report, bibliography, STYLE_NAMES[style]);
}
