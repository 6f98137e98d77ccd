/** The report as Markdown (`--format md`): the same content as the HTML, every text escaped. */
import { VERDICTS } from '../claims/model';
import { VERDICT_STYLE } from '../claims/verdictStyle';
import type { BibliographyEntry } from './bibliography';
import { escapeMarkdown as md, safeHttpUrl } from './escape';
import type { Report, ReportClaim, ReportQuote } from './model';
import { say } from '../l10n/displayText';
import type { ReportTexts } from './reportText';


function quoteMarkdown(quote: ReportQuote, texts: ReportTexts): string[] {
  const url = quote.url ? safeHttpUrl(quote.url) : undefined;
  const where = `${md(quote.paperLabel)}, arXiv ${md(quote.paper)}${md(quote.version)}, ${md(say(texts, 'page', quote.page))}`;
  const flags = `${quote.verified ? '' : ` · **${md(say(texts, 'unverified'))}** ${md(say(texts, 'transcription'))}`}${quote.pinned ? '' : ` · **${md(say(texts, 'otherVersion'))}** ${md(say(texts, 'otherVersionNote'))}`}`;
  // safeHttpUrl percent-encodes spaces, quotes and angle brackets, so the URL cannot end its <…> early.
  return [`> “${md(quote.quote)}”`, '>', `> — ${url ? `[${where}](<${url}>)` : where}${flags}`, ''];
}

function claimMarkdown(claim: ReportClaim, texts: ReportTexts): string[] {
  const lines = [
    `- **${md(claim.text)}**`,
    `  ${VERDICT_STYLE[claim.verdict].emoji} *${md(claim.verdictLabel)}* · ${md(say(texts, 'line', claim.line))}${claim.origin === 'annotation' ? ` · ${md(say(texts, 'yourAnnotation'))}` : ''}`,
  ];
  if (claim.gloss) lines.push(`  *${md(claim.gloss)}*`);
  if (claim.rationale) lines.push(`  ${md(say(texts, 'why'))} ${md(claim.rationale)}`);
  if (claim.note) lines.push(`  ${md(say(texts, 'note'))} ${md(claim.note)}`);
  lines.push('');
  if (claim.quotes.length === 0) lines.push(`  ${md(say(texts, 'noEvidence'))}`, '');
  for (const quote of claim.quotes) lines.push(...quoteMarkdown(quote, texts).map((line) => (line ? `  ${line}` : line)));
  return lines;
}

export function renderReportMarkdown(report: Report, bibliography: readonly BibliographyEntry[], styleName = 'APA'): string {
  const { summary, texts } = report;
  const t = (key: keyof ReportTexts['messages']) => md(say(texts, key));
  const lines = [
    `# ${md(report.title)}`,
    '',
    md(say(texts, 'madeBy', report.documentName, report.date)),
    '',
    `## ${t('summary')}`,
    '',
    `| | ${t('count')} |`,
    '| --- | ---: |',
    `| ${t('claims')} | ${summary.claims} |`,
    ...VERDICTS.map((verdict) => `| ${VERDICT_STYLE[verdict].emoji} ${t(verdict)} | ${summary.byVerdict[verdict]} |`),
    `| ${t('quotes')} | ${summary.quotes} |`,
    `| ${t('papersCited')} | ${summary.papersCited} |`,
    `| ${t('unverifiedQuotes')} | ${summary.unverifiedQuotes} |`,
    ...(summary.orphans > 0 ? [`| ${t('orphaned')} | ${summary.orphans} |`] : []),
    '',
  ];
  const topLevel = Math.min(...report.sections.map((section) => section.level));
  for (const section of report.sections) {
    lines.push(`${section.level <= topLevel ? '##' : '###'} ${section.heading === undefined ? t('beforeFirstHeading') : md(section.heading)}`, '');
    for (const claim of section.claims) lines.push(...claimMarkdown(claim, texts));
  }
  if (report.sections.length === 0) lines.push(t('noClaims'), '');
  if (report.orphans.length > 0) {
    lines.push(`## ${t('orphaned')}`, '');
    for (const orphan of report.orphans) lines.push(`- ${md(orphan.text)} — ${t(orphan.verdict)}`);
    lines.push('');
  }
  lines.push(`## ${t('bibliography')}`, '', md(say(texts, 'styleNote', styleName)), '');
  bibliography.forEach((entry, index) => lines.push(`${index + 1}. ${md(entry.text)}`));
  if (report.unknownPapers.length > 0) lines.push('', md(say(texts, 'notInCorpus', report.unknownPapers.join(', '))));
  return `${lines.join('\n')}\n`;
}
