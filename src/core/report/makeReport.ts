/**
 * makeReport without the report's file readers (documentSource.ts, Node fs), so the web's report worker
 * (webWorker.ts) can bundle it for the browser.
 */
import { formatBibliography, type BibliographyStyle } from './bibliography';
import { renderReportHtml } from './html';
import { renderReportMarkdown } from './markdown';
import { buildReport, type ReportInput } from './model';

export type ReportFormat = 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md'];

const STYLE_NAMES: Record<BibliographyStyle, string> = { apa: 'APA (7th edition)', vancouver: 'Vancouver', harvard1: 'Harvard' };

export function makeReport(input: ReportInput, format: ReportFormat, style: BibliographyStyle = 'apa'): string {
  const report = buildReport(input);
  const bibliography = formatBibliography(report.papers, style);
  return format === 'md' ? renderReportMarkdown(report, bibliography, STYLE_NAMES[style]) : renderReportHtml(report, bibliography, STYLE_NAMES[style]);
}
