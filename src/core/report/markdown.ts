/** The report as Markdown (`--format md`): the same content as the HTML, every text escaped. */
import { VERDICTS } from '../claims/model';
import { VERDICT_STYLE } from '../claims/verdictStyle';
import type { BibliographyEntry } from './bibliography';
import { escapeMarkdown as md, safeHttpUrl } from './escape';
import type { Report, ReportClaim, ReportQuote } from './model';


function quoteMarkdown(quote: ReportQuote): string[] {
  const url = quote.url ? safeHttpUrl(quote.url) : undefined;
  const where = `${md(quote.paperLabel)}, arXiv ${md(quote.paper)}${md(quote.version)}, p. ${quote.page}`;
  const flags = `${quote.verified ? '' : ' · **unverified** (transcription)'}${quote.pinned ? '' : ' · **other version** than the pinned one'}`;
  // safeHttpUrl percent-encodes spaces, quotes and angle brackets, so the URL cannot end its <…> early.
  return [`> “${md(quote.quote)}”`, '>', `> — ${url ? `[${where}](<${url}>)` : where}${flags}`, ''];
}

function claimMarkdown(claim: ReportClaim): string[] {
  const lines = [
    `- **${md(claim.text)}**`,
    `  ${VERDICT_STYLE[claim.verdict].emoji} *${md(claim.verdictLabel)}* · line ${claim.line}${claim.origin === 'annotation' ? ' · your annotation' : ''}`,
  ];
  if (claim.gloss) lines.push(`  *${md(claim.gloss)}*`);
  if (claim.rationale) lines.push(`  Why: ${md(claim.rationale)}`);
  if (claim.note) lines.push(`  Note: ${md(claim.note)}`);
  lines.push('');
  if (claim.quotes.length === 0) lines.push('  No evidence quoted.', '');
  for (const quote of claim.quotes) lines.push(...quoteMarkdown(quote).map((line) => (line ? `  ${line}` : line)));
  return lines;
}

export function renderReportMarkdown(report: Report, bibliography: readonly BibliographyEntry[], styleName = 'APA'): string {
  const { summary } = report;
  const lines = [
    `# ${md(report.title)}`,
    '',
    `${md(report.documentName)} · ${report.date} · made by Literature Companion`,
    '',
    '## Summary',
    '',
    '| | count |',
    '| --- | ---: |',
    `| Claims | ${summary.claims} |`,
    ...VERDICTS.map((verdict) => `| ${VERDICT_STYLE[verdict].emoji} ${VERDICT_STYLE[verdict].label} | ${summary.byVerdict[verdict]} |`),
    `| Quotes | ${summary.quotes} |`,
    `| Papers cited | ${summary.papersCited} |`,
    `| Unverified quotes | ${summary.unverifiedQuotes} |`,
    ...(summary.orphans > 0 ? [`| Orphaned annotations | ${summary.orphans} |`] : []),
    '',
  ];
  const topLevel = Math.min(...report.sections.map((section) => section.level));
  for (const section of report.sections) {
    lines.push(`${section.level <= topLevel ? '##' : '###'} ${section.heading === undefined ? 'Before the first heading' : md(section.heading)}`, '');
    for (const claim of section.claims) lines.push(...claimMarkdown(claim));
  }
  if (report.sections.length === 0) lines.push('This document has no claims yet.', '');
  if (report.orphans.length > 0) {
    lines.push('## Orphaned annotations', '');
    for (const orphan of report.orphans) lines.push(`- ${md(orphan.text)} — ${orphan.verdict}`);
    lines.push('');
  }
  lines.push('## Bibliography', '', `${styleName} style, formatted by citeproc-js.`, '');
  bibliography.forEach((entry, index) => lines.push(`${index + 1}. ${md(entry.text)}`));
  if (report.unknownPapers.length > 0) lines.push('', `Cited but not in the corpus: ${report.unknownPapers.map(md).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
