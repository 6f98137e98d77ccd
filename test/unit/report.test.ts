// The talk report (issue 13): structure, counts against the claims, links, escaping of hostile text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DocumentClaim } from '../../src/core/claims/documentClaims';
import type { Paper } from '../../src/core/corpus/model';
import { documentHeadings, makeReport, pageUrl } from '../../src/core/report';

const projectRoot = join(__dirname, '..', '..');
const bin = join(projectRoot, 'bin', 'literature-companion.cjs');
const talk = join(projectRoot, 'example', 'talk-ru.md');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });

interface ClaimJson {
  id: string;
  text: string;
  verdict: string;
  evidence: { paper: string; version: string; page: number; quote: string; verified: boolean }[];
}
const bundledClaims = (): ClaimJson[] => JSON.parse(run('claims', '--json').stdout);

/** The text of the HTML as a reader sees it: tags dropped, the entities we emit decoded. */
/** Every tag of the HTML: only the report's own elements, no event handler, links only to https pages. */
function assertOnlyOwnMarkup(html: string): void {
  const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'table', 'tbody', 'tr', 'th', 'td', 'section', 'article', 'span', 'strong', 'blockquote', 'div', 'a', 'ol', 'ul', 'li']);
  for (const [tag, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    assert.ok(allowed.has(name!.toLowerCase()), `unexpected element ${tag}`);
    assert.doesNotMatch(attributes!, /\son\w+\s*=/i, tag);
    for (const [, href] of attributes!.matchAll(/href="([^"]*)"/g)) assert.match(href!, /^https:\/\//, tag);
  }
}

const visible = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

describe('literature-companion report (the bundled talk)', () => {
  const result = run('report', talk);
  const html = result.stdout;
  const claims = bundledClaims();

  it('exits 0 with one self-contained HTML page that has no script and loads nothing', () => {
    assert.equal(result.status, 0, result.stderr);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script/i);
    assertOnlyOwnMarkup(html);
    assert.doesNotMatch(html, /<(link|img|iframe|object|embed)\b/i, 'no external resource');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /@media print/, 'a print stylesheet');
  });

  it('lists every claim once, in the order of the talk, under the heading of its slide', () => {
    const shown = [...html.matchAll(/<p class="claim-text" dir="auto">([^<]*)<\/p>/g)].map((match) => visible(match[1]!));
    const text = readFileSync(talk, 'utf8');
    const inTalkOrder = [...claims].sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text)).map((claim) => claim.text);
    assert.deepEqual(shown, inTalkOrder);
    const slide = html.slice(html.indexOf('>RLHF: какие преимущества<'), html.indexOf('>LLAMA 2<'));
    assert.ok(slide.includes('превосходит сильнейшие бейзлайны по суммаризации'), 'the claim sits under its slide heading');
    assert.ok(!slide.includes('LLAMA 2</p>'), 'the next slide starts a new group');
  });

  it('gives each claim its verdict badge and rationale', () => {
    const article = html.slice(html.indexOf('id="claim-bundled-rlaif-harmless"'));
    const first = article.slice(0, article.indexOf('</article>'));
    assert.match(first, /<span class="badge verdict-partially-supports">partially supports<\/span>/);
    assert.match(first, /<strong>Why:<\/strong>/);
  });

  it('links every quote to its page of the pinned arXiv PDF', () => {
    const links = [...html.matchAll(/<a href="(https:\/\/arxiv\.org\/pdf\/[^"]+)"/g)].map((match) => match[1]!);
    const expected = claims.flatMap((claim) => claim.evidence.map((e) => `https://arxiv.org/pdf/${e.paper}${e.version}#page=${e.page}`));
    assert.deepEqual([...links].sort(), [...expected].sort());
    assert.ok(links.includes('https://arxiv.org/pdf/2309.00267v3#page=2'));
  });

  it('counts in its summary exactly what the claims hold', () => {
    const cell = (name: string) => Number(new RegExp(`data-(?:summary|verdict)="${name}">(\\d+)<`).exec(html)?.[1]);
    assert.equal(cell('claims'), claims.length);
    for (const verdict of ['supports', 'partially-supports', 'contradicts', 'not-addressed']) {
      assert.equal(cell(verdict), claims.filter((claim) => claim.verdict === verdict).length, verdict);
    }
    const quotes = claims.flatMap((claim) => claim.evidence);
    assert.equal(cell('quotes'), quotes.length);
    assert.equal(cell('papers'), new Set(quotes.map((q) => q.paper)).size);
    assert.equal(cell('unverified'), quotes.filter((q) => !q.verified).length);
    assert.ok(cell('unverified') > 0, 'the Llama 2 transcription quotes are unverified');
  });

  it('ends with a bibliography of the cited papers, formatted in APA by citeproc', () => {
    const bibliography = html.slice(html.indexOf('id="bibliography"'));
    const entries = [...bibliography.matchAll(/<li data-paper="([^"]+)">([^<]*)<\/li>/g)];
    const cited = new Set(claims.flatMap((claim) => claim.evidence.map((e) => e.paper)));
    assert.deepEqual(new Set(entries.map((entry) => entry[1])), cited);
    const stiennon = visible(entries.find((entry) => entry[1] === '2009.01325')![2]!);
    // APA: "Surname, I., … & Surname, I. (year). Title."
    assert.match(stiennon, /^Stiennon, N\., Ouyang, L\., .*& Christiano, P\. \(2020\)\. Learning to summarize from human feedback\./);
    assert.deepEqual(entries.map((entry) => visible(entry[2]!)[0]), ['B', 'C', 'L', 'S', 'T'], 'sorted by first author');
  });

  it('writes Markdown with --format md --out PATH', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'litcomp-report-')), 'report.md');
    const written = run('report', talk, '--format', 'md', '--out', out);
    assert.equal(written.status, 0, written.stderr);
    const markdown = readFileSync(out, 'utf8');
    assert.match(markdown, /^# Evidence report: talk-ru\.md$/m);
    assert.match(markdown, new RegExp(`^\\| Claims \\| ${claims.length} \\|$`, "m"));
    assert.match(markdown, /^## RLHF: какие преимущества$/m);
    assert.match(markdown, /\[Lee et al\. 2024, arXiv 2309\.00267v3, p\. 2\]\(<https:\/\/arxiv\.org\/pdf\/2309\.00267v3#page=2>\)/);
    assert.match(markdown, /^## Bibliography$/m);
  });

  it('refuses an unknown format with exit 2 and says what to use', () => {
    const bad = run('report', talk, '--format', 'pdf');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /use --format html or --format md/);
  });
});

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) | *bold* \u202Egnp.exe\u202C';

function hostilePaper(): Paper {
  return {
    id: '2101.00001', title: `Title ${HOSTILE}`, authors: [`Eve ${HOSTILE}`, 'Mallory Smith'], year: 2021, venue: `Venue ${HOSTILE}`,
    version: 'v1', pdfUrl: 'javascript:alert(4)', bibtexKey: 'eve2021', summary: '', file: 'papers/2101.00001.md',
  };
}

function claim(overrides: Partial<DocumentClaim>): DocumentClaim {
  return { key: 'annotation:a', origin: 'annotation', start: 0, end: 1, text: 'x', verdict: 'supports', evidence: [], method: 'position', ...overrides };
}

describe('report of hostile text', () => {
  const document = `# Slide ${HOSTILE}\n\nA claim ${HOSTILE} here.\n`;
  const start = document.indexOf('A claim');
  const claims = [claim({
    start, end: start + 20, text: `A claim ${HOSTILE}`, verdict: 'contradicts', rationale: `Because ${HOSTILE}`, note: `Note ${HOSTILE}`, gloss: `Gloss ${HOSTILE}`,
    evidence: [{ paper: '2101.00001', version: 'v1" onmouseover="alert(5)', page: 3, quote: `Quote ${HOSTILE}`, verified: false }],
  })];
  const input = { corpus: { papers: new Map([['2101.00001', hostilePaper()]]) }, documentName: `talk ${HOSTILE}.md`, text: document, claims, date: new Date('2026-01-02') };

  it('HTML: no markup, no script, no event handler from the text; the text is shown, bidi controls made visible', () => {
    const html = makeReport(input, 'html');
    assert.doesNotMatch(html, /<script|<img/i);
    assertOnlyOwnMarkup(html);
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(html), 'no raw bidi control left');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the payload is shown as text');
    assert.ok(html.includes('[U+202E]gnp.exe[U+202C]'), 'the override is visible');
    for (const part of ['Slide', 'A claim', 'Because', 'Note', 'Gloss', 'Quote', 'Title']) assert.ok(visible(html).includes(`${part} <script>alert(1)</script>`), part);
    // The version is not a vN: the link goes to the bare arXiv id, never to a URL built from the hostile text.
    assert.match(html, /<a href="https:\/\/arxiv\.org\/pdf\/2101\.00001#page=3"/);
  });

  it('Markdown: no raw HTML and no link or emphasis from the text', () => {
    const markdown = makeReport(input, 'md');
    assert.doesNotMatch(markdown, /<script|<img|(?<!\\)\]\(javascript:/i);
    assert.ok(markdown.includes('&lt;script&gt;'));
    assert.ok(markdown.includes('\\[x\\](javascript:alert(3)) \\| \\*bold\\*'), 'link, table and emphasis markup escaped');
    assert.ok(!/[\u202A-\u202E]/.test(markdown));
  });
});

describe('report structure helpers', () => {
  it('finds Markdown and LaTeX headings, not those in code blocks', () => {
    const headings = documentHeadings('# Title\ntext\n## Slide one\n```\n# not a heading\n```\n\\section{Results}\n\\frametitle{Frame}\n');
    assert.deepEqual(headings.map(({ text, level, line }) => [text, level, line]), [['Title', 1, 1], ['Slide one', 2, 3], ['Results', 1, 7], ['Frame', 2, 8]]);
  });

  it('links arXiv papers to the page of the named version, others to their pdfUrl page', () => {
    assert.equal(pageUrl('2009.01325', 'v3', 8), 'https://arxiv.org/pdf/2009.01325v3#page=8');
    assert.equal(pageUrl('smith-2020', 'v1', 2, { pdfUrl: 'https://example.org/a.pdf' }), 'https://example.org/a.pdf#page=2');
    assert.equal(pageUrl('smith-2020', 'v1', 2, { pdfUrl: 'file:///etc/passwd' }), undefined);
  });

  it('counts claims without evidence and groups claims before the first heading', () => {
    const text = 'Intro claim.\n# Slide\nSecond claim.\n';
    const report = makeReport({ corpus: { papers: new Map() }, documentName: 'd.md', text, claims: [claim({ start: 0, end: 5, text: 'Intro', verdict: 'not-addressed' }), claim({ key: 'annotation:b', start: 21, end: 27, text: 'Second' })] }, 'md');
    assert.match(report, /^## Before the first heading\n\n- \*\*Intro\*\*/m);
    assert.match(report, /^## Slide\n\n- \*\*Second\*\*/m);
    assert.match(report, /^\| ⚪ not addressed \| 1 \|$/m);
    assert.match(report, /^\| Papers cited \| 0 \|$/m);
  });
});
