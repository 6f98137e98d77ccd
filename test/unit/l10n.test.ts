// The extension speaks the person's language: every message the host looks up with vscode.l10n.t, and
// every table of display texts that core and the webviews use, has a Russian translation that keeps its
// placeholders and gives Russian its three plural forms. A message added in English only fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { CLAIM_TEXT, claimSummary, sourcesSummary, verdictLabel } from '../../src/core/claims/documentClaims';
import { EXCERPT_STATUS_TEXT, excerptStatusText } from '../../src/core/excerpt/statusText';
import { englishTexts, fillIn, receivedTexts, sayCount, translatedTexts, type DisplayTexts } from '../../src/core/l10n/displayText';
import { MAP_TEXT } from '../../src/core/map/mapText';
import { renderMapSvg, PRINT_PALETTE } from '../../src/core/map/svg';
import { buildEvidenceMap } from '../../src/core/map/evidenceMap';
import { PANEL_MODEL_TEXT } from '../../src/core/panels/panelModels';
import { EXCERPT_TEXT, MAP_WEBVIEW_TEXT, PANEL_TEXT, VIEWER_TEXT } from '../../src/protocol/webviewText';
import type { ExcerptFound } from '../../src/core/excerpt/excerptView';
import { REPORT_TEXT } from '../../src/core/report/reportText';
import { renderReportMarkdown } from '../../src/core/report/markdown';
import { buildReport } from '../../src/core/report/model';

const root = join(__dirname, '..', '..');
const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(join(root, file), 'utf8'));
const ru = readJson('l10n/bundle.l10n.ru.json');

/** Every table of display texts; `englishTexts(` in src must be one of these (checked below). */
const TABLES: Record<string, DisplayTexts<string>> = { CLAIM_TEXT, EXCERPT_STATUS_TEXT, PANEL_MODEL_TEXT, MAP_TEXT, REPORT_TEXT, PANEL_TEXT, EXCERPT_TEXT, MAP_WEBVIEW_TEXT, VIEWER_TEXT };

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}
const sources = sourceFiles(join(root, 'src')).map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }));

/** The messages of `vscode.l10n.t('…')` calls: a string literal (quotes or a template without `${`). */
function l10nCallMessages(): { messages: Set<string>; dynamic: string[] } {
  const messages = new Set<string>();
  const dynamic: string[] = [];
  for (const { file, text } of sources) {
    for (const call of text.matchAll(/l10n\.t\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`$]*`|[^\s])/g)) {
      const literal = call[1]!;
      if (/^['"`]/.test(literal) && literal.length > 1) messages.add(literal.startsWith('`') ? literal.slice(1, -1) : JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : literal));
      else dynamic.push(`${file}: ${text.slice(call.index, call.index + 50)}`);
    }
  }
  return { messages, dynamic };
}

const placeholders = (message: string) => [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();

function tableMessages(): Map<string, string> {
  const byMessage = new Map<string, string>();
  for (const [table, texts] of Object.entries(TABLES)) for (const [key, message] of Object.entries(texts.messages)) byMessage.set(message, `${table}.${key}`);
  return byMessage;
}

describe('translations (l10n/bundle.l10n.ru.json, package.nls.ru.json)', () => {
  it('every vscode.l10n.t message in src has a Russian translation', () => {
    const { messages, dynamic } = l10nCallMessages();
    assert.ok(messages.size > 100, `found only ${messages.size} messages: is the scan still reading src?`);
    // One call translates a variable: the tables' own lookup (services/localizedTexts.ts), checked below.
    assert.deepEqual(dynamic.filter((call) => !call.startsWith(join('src', 'services', 'localizedTexts.ts'))), [], 'vscode.l10n.t with a computed message escapes this check: declare it in a table of display texts');
    const missing = [...messages].filter((message) => !(message in ru));
    assert.deepEqual(missing, [], 'add these to l10n/bundle.l10n.ru.json');
  });

  it('every message of every display-text table (core, webviews) has a Russian translation', () => {
    const declared = sources.flatMap(({ file, text }) => [...text.matchAll(/export const (\w+) = englishTexts\b/g)].map((match) => `${file}: ${match[1]}`));
    assert.deepEqual(declared.map((entry) => entry.split(': ')[1]).sort(), Object.keys(TABLES).sort(), `a table of display texts this test does not know: add it to TABLES (${declared.join(', ')})`);
    const missing = [...tableMessages()].filter(([message]) => !(message in ru)).map(([message, where]) => `${where}: ${message}`);
    assert.deepEqual(missing, [], 'add these to l10n/bundle.l10n.ru.json');
  });

  it('keeps every placeholder, and gives Russian three forms where English has two', () => {
    const all = new Set([...l10nCallMessages().messages, ...tableMessages().keys()]);
    const problems: string[] = [];
    for (const message of all) {
      const translation = ru[message];
      if (translation === undefined) continue; // reported above
      const englishForms = message.split('|');
      const russianForms = translation.split('|');
      if (englishForms.length > 1 && russianForms.length !== 3) problems.push(`${message}: Russian needs one|few|many forms, has ${russianForms.length}`);
      if (englishForms.length === 1 && russianForms.length !== 1) problems.push(`${message}: not a plural message, but the translation has "|"`);
      const expected = placeholders(message).join(' ');
      for (const form of russianForms) if (placeholders(form).join(' ') !== expected && !(englishForms.length > 1 && placeholders(form).join(' ') === placeholders(englishForms[0]!).join(' '))) problems.push(`${message}: "${form}" has ${placeholders(form).join(' ') || 'no placeholders'}, English ${expected || 'none'}`);
    }
    assert.deepEqual(problems, []);
  });

  it('has no translation of a message nobody uses any more', () => {
    const used = new Set([...l10nCallMessages().messages, ...tableMessages().keys()]);
    assert.deepEqual(Object.keys(ru).filter((message) => !used.has(message)), []);
  });

  it('package.json: every %key% has its English and its Russian text', () => {
    const nls = readJson('package.nls.json');
    const nlsRu = readJson('package.nls.ru.json');
    const keys = [...readFileSync(join(root, 'package.json'), 'utf8').matchAll(/"%([\w.]+)%"/g)].map((match) => match[1]!);
    assert.deepEqual(keys.filter((key) => !(key in nls)), [], 'missing in package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((key) => !(key in nlsRu)), [], 'missing in package.nls.ru.json');
  });
});

const russian = <Key extends string>(english: DisplayTexts<Key>) => translatedTexts(english, 'ru', (message) => ru[message] ?? message);
const source = (paper: string) => ({ paper, version: 'v1', page: 1, quote: 'q', verified: true });

describe('display texts in Russian', () => {
  it('the CodeLens counts sources and papers with Russian plural forms', () => {
    const texts = russian(CLAIM_TEXT);
    assert.equal(sourcesSummary({ evidence: [source('a')] }, texts), '1 источник');
    assert.equal(sourcesSummary({ evidence: [source('a'), source('a'), source('a')] }, texts), '3 источника');
    assert.equal(sourcesSummary({ evidence: Array.from({ length: 5 }, () => source('a')) }, texts), '5 источников');
    assert.equal(sourcesSummary({ evidence: Array.from({ length: 21 }, () => source('a')) }, texts), '21 источник');
    assert.equal(claimSummary({ verdict: 'partially-supports', evidence: [source('a'), source('b'), source('c'), source('a'), source('b')] }, texts), '5 источников (3 статьи) · частично подтверждает');
    assert.equal(verdictLabel('not-addressed', texts), ru['not addressed']);
    assert.equal(sourcesSummary({ evidence: [] }, texts), ru['no evidence yet']);
  });

  it('the excerpt status line: whole Russian sentences, the score with a decimal comma', () => {
    const view: Omit<ExcerptFound, 'statusText'> = {
      kind: 'excerpt', target: { paper: 'p', quote: 'q', page: 3 }, paper: { id: 'p', title: 't', authorsShort: 'A', year: 2020, version: 'v1' },
      status: 'found-elsewhere', method: 'fuzzy', score: 0.934, page: 4, pageCount: 9, rects: [], parts: [{ page: 4, rects: [] }], paragraph: { before: '', match: '', after: '' }, pdfName: 'p.pdf', otherVersion: false,
    };
    const text = excerptStatusText(view, russian(EXCERPT_STATUS_TEXT));
    assert.match(text, /0,93/);
    assert.match(text, /\b4\b/);
    assert.match(text, /\b3\b/);
    assert.doesNotMatch(text.replace(/PDF/g, ''), /[A-Za-z]{3}/, `no English left: ${text}`);
    assert.match(excerptStatusText(view), /^Found approximately \(score 0\.93\) on page 4, not on page 3 as the corpus states\./);
  });

  it('the map export: legend and totals in Russian', () => {
    const corpus = { papers: new Map(), challenges: new Map(), links: [] } as unknown as Parameters<typeof buildEvidenceMap>[0];
    const svg = renderMapSvg(buildEvidenceMap(corpus, []), PRINT_PALETTE, { texts: russian(MAP_TEXT) });
    assert.ok(svg.includes(fillIn(ru['Claims of the talk:']!)), svg.slice(-600));
    assert.ok(svg.includes(ru['contradicts']!));
    assert.doesNotMatch(svg, /Evidence map|Claims of the talk|quotes/);
  });

  it('the evidence report from the editor: its own words in Russian, the talk and quotes as written', () => {
    const claim = { key: 'k', origin: 'annotation', start: 9, end: 30, text: 'RLHF превосходит базовые', verdict: 'contradicts', evidence: [{ paper: '2009.01325', version: 'v3', page: 8, quote: 'Under light optimization', verified: false }] } as unknown as Parameters<typeof buildReport>[0]['claims'][number];
    const report = buildReport({ corpus: { papers: new Map() }, documentName: 'talk-ru.md', text: '# Слайд\n\nRLHF превосходит базовые.', claims: [claim], date: new Date('2026-11-27'), texts: russian(REPORT_TEXT) });
    const markdown = renderReportMarkdown(report, [], 'APA');
    assert.match(markdown, new RegExp(`^# ${ru['Evidence report: {0}']!.replace('{0}', 'talk-ru\\.md')}`));
    assert.ok(markdown.includes(`*${ru['contradicts']}*`), markdown);
    assert.ok(markdown.includes('Under light optimization') && markdown.includes('RLHF превосходит базовые'));
    const words = markdown.replace(/<https:[^>]*>/g, '').replace(/Under light optimization|RLHF|arXiv|PDF|APA|citeproc-js|Literature Companion|talk-ru\.md|2009\.01325v3/g, '');
    assert.doesNotMatch(words, /[A-Za-z]{3}/, markdown);
  });

  it('plural forms follow the locale: English one|other, Russian one|few|many', () => {
    const texts = englishTexts({ quotes: '{0} quote|{0} quotes' });
    assert.deepEqual([1, 2, 5].map((count) => sayCount(texts, 'quotes', count)), ['1 quote', '2 quotes', '5 quotes']);
    const ruTexts = { locale: 'ru', messages: { quotes: '{0} цитата|{0} цитаты|{0} цитат' } };
    assert.deepEqual([1, 2, 5, 11, 21, 22, 25].map((count) => sayCount(ruTexts, 'quotes', count)), ['1 цитата', '2 цитаты', '5 цитат', '11 цитат', '21 цитата', '22 цитаты', '25 цитат']);
  });

  it('a webview keeps English for what the host did not send or sent malformed', () => {
    const english = englishTexts({ a: 'Show in PDF', b: 'Copy' });
    assert.deepEqual(receivedTexts(english, JSON.stringify({ locale: 'ru', messages: { a: 'Показать в PDF', b: 42, c: 'x' } })), { locale: 'ru', messages: { a: 'Показать в PDF', b: 'Copy' } });
    assert.deepEqual(receivedTexts(english, '{not json'), english);
    assert.deepEqual(receivedTexts(english, undefined), english);
  });
});
