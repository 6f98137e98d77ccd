/**
 * The report as one self-contained HTML file: no script (and a Content-Security-Policy that would refuse
 * one), no external resource, every text escaped; a screen stylesheet and a print stylesheet, so a
 * browser's "Print to PDF" gives a clean handout.
 */
import { VERDICTS } from '../claims/model';
import { VERDICT_PRINT_COLOURS } from '../claims/verdictStyle';
import type { BibliographyEntry } from './bibliography';
import { contentSecurityPolicy, htmlPage } from '../render/htmlPage';
import { escapeHtml as esc, safeHttpUrl } from './escape';
import type { Report, ReportClaim, ReportQuote } from './model';
import { say, sayCount } from '../l10n/displayText';
import type { ReportTexts } from './reportText';

const STYLE = `
:root { color-scheme: light; ${VERDICTS.map((verdict) => `--${verdict}: ${VERDICT_PRINT_COLOURS[verdict]};`).join(' ')} }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.meta { color: #57606a; margin-top: 0; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table.summary { border-collapse: collapse; margin: 0.5rem 0 1rem; }
table.summary th, table.summary td { border: 1px solid #d0d7de; padding: 0.25rem 0.7rem; text-align: left; }
table.summary td.count { text-align: right; font-variant-numeric: tabular-nums; }
article.claim { border-left: 4px solid #d0d7de; padding: 0.1rem 0 0.1rem 0.9rem; margin: 1rem 0 1.4rem; break-inside: avoid; }
article.claim.verdict-supports { border-left-color: var(--supports); }
article.claim.verdict-partially-supports { border-left-color: var(--partially-supports); }
article.claim.verdict-contradicts { border-left-color: var(--contradicts); }
article.claim.verdict-not-addressed { border-left-color: var(--not-addressed); }
.claim-text { font-size: 1.05rem; font-weight: 600; margin: 0.2rem 0; unicode-bidi: isolate; }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 600; padding: 0 0.5rem; border-radius: 1rem; color: #fff; vertical-align: middle; }
.badge.verdict-supports { background: var(--supports); }
.badge.verdict-partially-supports { background: var(--partially-supports); }
.badge.verdict-contradicts { background: var(--contradicts); }
.badge.verdict-not-addressed { background: var(--not-addressed); }
.badge.unverified { background: #fff8c5; color: #4d2d00; border: 1px solid #d4a72c; }
.where { color: #57606a; font-size: 0.85rem; }
.gloss { font-style: italic; margin: 0.2rem 0; }
.rationale, .note { margin: 0.3rem 0; }
blockquote { margin: 0.5rem 0; padding: 0.3rem 0.8rem; background: #f6f8fa; border-left: 3px solid #d0d7de; }
blockquote p { margin: 0 0 0.2rem; unicode-bidi: isolate; }
.source { font-size: 0.85rem; color: #57606a; }
a { color: #0969da; }
ol.bibliography li { margin: 0.3rem 0; padding-left: 0.2rem; }
.empty { color: #57606a; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  blockquote { background: none; }
  .badge { border: 1px solid currentColor; color: #000 !important; background: none !important; }
  @page { margin: 16mm 14mm; }
}
`;

/** Nothing may load or run: the file is opened from disk or mailed around. */
const POLICY = contentSecurityPolicy(["default-src 'none'", "style-src 'unsafe-inline'", 'img-src data:', "form-action 'none'", "base-uri 'none'"]);

function quoteHtml(quote: ReportQuote, texts: ReportTexts): string {
  const url = quote.url ? safeHttpUrl(quote.url) : undefined;
  const where = `${esc(quote.paperLabel)}, arXiv ${esc(quote.paper)}${esc(quote.version)}, ${esc(say(texts, 'page', quote.page)).replace(' ', '&nbsp;')}`;
  const link = url ? `<a href="${url}" rel="noreferrer noopener">${where}</a>` : where;
  const flags = [
    quote.verified ? '' : ` <span class="badge unverified" title="${esc(say(texts, 'unverifiedTitle'))}">${esc(say(texts, 'unverified'))}</span>`,
    quote.pinned ? '' : ` <span class="badge unverified" title="${esc(say(texts, 'otherVersionTitle'))}">${esc(say(texts, 'otherVersion'))}</span>`,
  ].join('');
  const title = quote.paperTitle ? ` <span class="paper-title">(${esc(quote.paperTitle)})</span>` : '';
  return `<blockquote><p>“${esc(quote.quote)}”</p><div class="source">${link}${title}${flags}</div></blockquote>`;
}

function claimHtml(claim: ReportClaim, texts: ReportTexts): string {
  const where = [say(texts, 'line', claim.line), ...(claim.origin === 'annotation' ? [say(texts, 'yourAnnotation')] : []), sayCount(texts, 'quoteCount', claim.quotes.length)].join(' · ');
  const parts = [
    `<article class="claim verdict-${claim.verdict}" id="claim-${esc(claim.key.replace(/[^A-Za-z0-9_-]/g, '-'))}">`,
    `<p class="claim-text" dir="auto">${esc(claim.text)}</p>`,
    `<p><span class="badge verdict-${claim.verdict}">${esc(claim.verdictLabel)}</span> <span class="where">${esc(where)}</span></p>`,
  ];
  if (claim.gloss) parts.push(`<p class="gloss">${esc(claim.gloss)}</p>`);
  if (claim.rationale) parts.push(`<p class="rationale"><strong>${esc(say(texts, 'why'))}</strong> ${esc(claim.rationale)}</p>`);
  if (claim.note) parts.push(`<p class="note"><strong>${esc(say(texts, 'note'))}</strong> ${esc(claim.note)}</p>`);
  if (claim.quotes.length === 0) parts.push(`<p class="empty">${esc(say(texts, 'noEvidence'))}</p>`);
  parts.push(...claim.quotes.map((quote) => quoteHtml(quote, texts)), '</article>');
  return parts.join('\n');
}

function summaryHtml(report: Report): string {
  const { summary, texts } = report;
  const t = (key: keyof ReportTexts['messages']) => esc(say(texts, key));
  const rows = VERDICTS.map((verdict) => `<tr><th scope="row"><span class="badge verdict-${verdict}">${t(verdict)}</span></th><td class="count" data-verdict="${verdict}">${summary.byVerdict[verdict]}</td></tr>`);
  return `<table class="summary" aria-label="${t('summary')}">
<tbody>
<tr><th scope="row">${t('claims')}</th><td class="count" data-summary="claims">${summary.claims}</td></tr>
${rows.join('\n')}
<tr><th scope="row">${t('quotes')}</th><td class="count" data-summary="quotes">${summary.quotes}</td></tr>
<tr><th scope="row">${t('papersCited')}</th><td class="count" data-summary="papers">${summary.papersCited}</td></tr>
<tr><th scope="row">${t('unverifiedQuotes')}</th><td class="count" data-summary="unverified">${summary.unverifiedQuotes}</td></tr>
${summary.orphans > 0 ? `<tr><th scope="row">${t('orphaned')}</th><td class="count" data-summary="orphans">${summary.orphans}</td></tr>` : ''}
</tbody>
</table>`;
}

export function renderReportHtml(report: Report, bibliography: readonly BibliographyEntry[], styleName = 'APA'): string {
  const { texts } = report;
  const body: string[] = [
    `<h1>${esc(report.title)}</h1>`,
    `<p class="meta">${esc(say(texts, 'madeBy', report.documentName, report.date))}</p>`,
    `<h2 id="summary">${esc(say(texts, 'summary'))}</h2>`,
    summaryHtml(report),
    `<p class="where">${esc(say(texts, 'unverifiedHelp'))}</p>`,
  ];
  const topLevel = Math.min(...report.sections.map((section) => section.level));
  for (const section of report.sections) {
    const tag = section.level <= topLevel ? 'h2' : 'h3';
    body.push(`<section class="slide">`, `<${tag} dir="auto">${section.heading === undefined ? esc(say(texts, 'beforeFirstHeading')) : esc(section.heading)}</${tag}>`);
    body.push(...section.claims.map((claim) => claimHtml(claim, texts)), '</section>');
  }
  if (report.sections.length === 0) body.push(`<p class="empty">${esc(say(texts, 'noClaims'))}</p>`);
  if (report.orphans.length > 0) {
    body.push(`<h2>${esc(say(texts, 'orphaned'))}</h2>`, `<p class="where">${esc(say(texts, 'orphanedHelp'))}</p>`, '<ul>');
    body.push(...report.orphans.map((orphan) => `<li dir="auto">${esc(orphan.text)} — ${esc(say(texts, orphan.verdict))}</li>`), '</ul>');
  }
  body.push(`<h2 id="bibliography">${esc(say(texts, 'bibliography'))}</h2>`, `<p class="where">${esc(say(texts, 'styleNote', styleName))}</p>`);
  body.push('<ol class="bibliography">', ...bibliography.map((entry) => `<li data-paper="${esc(entry.paper)}">${esc(entry.text)}</li>`), '</ol>');
  if (report.unknownPapers.length > 0) body.push(`<p class="empty">${esc(say(texts, 'notInCorpus', report.unknownPapers.join(', ')))}</p>`);
  return htmlPage({ language: texts.locale, policy: POLICY, head: [`<title>${esc(report.title)}</title>`, `<style>${STYLE}</style>`], body: body.join('\n') });
}
