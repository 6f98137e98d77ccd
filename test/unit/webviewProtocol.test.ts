// Issue 9: webview → host messages are checked, not cast; a panel page may open only what it links to;
// the page's Content-Security-Policy allows scripts by nonce only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citationKey, toBibtexEntry, toCslItem } from '../../src/core/citations/export';
import type { Corpus, Paper } from '../../src/core/corpus/model';
import { mayOpenFromPanel } from '../../src/core/panels/panelModels';
import { contentSecurityPolicy, webviewDocument } from '../../src/services/webviewDocument';
import { isExcerptInbound } from '../../src/protocol/excerpt';
import { isMapInbound } from '../../src/protocol/map';
import { isPanelInbound } from '../../src/protocol/panel';

const excerptTarget = { paper: '2309.00267', quote: 'RLAIF achieves', page: 3, challenge: '3.2.2', source: 'pdf' };

describe('messages from the panel page', () => {
  it('accepts what the page sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'open', target: { kind: 'paper', id: '2309.00267' } },
      { type: 'open', target: { kind: 'challenge', id: '3.2.2', focus: { paper: '2309.00267', quote: 0 } } },
      { type: 'openSourceFile', file: '/corpus/papers/2309.00267.md' },
      { type: 'copy', text: 'a quote' },
      { type: 'openExcerpt', target: excerptTarget },
    ]) {
      assert.equal(isPanelInbound(message), true, JSON.stringify(message));
    }
  });

  it('drops messages of the wrong shape, of another page, or that the page never sends', () => {
    for (const message of [
      null,
      'ready',
      [{ type: 'ready' }],
      { type: 'runCommand', command: 'downloadPdfs', paper: '1' }, // the excerpt page's message
      { type: 'open', target: { kind: 'claim', id: 'x', document: 'file:///etc/passwd' } },
      { type: 'open', target: { kind: 'paper', id: 42 } },
      { type: 'open', target: { kind: 'paper', id: 'x'.repeat(201) } },
      { type: 'open', target: { kind: 'challenge', id: '3', focus: { paper: 1, quote: 0 } } },
      { type: 'openSourceFile', file: { path: '/etc/passwd' } },
      { type: 'copy', text: 7 },
      { type: 'copy', text: 'x'.repeat(1_000_001) },
      { type: 'openExcerpt', target: { ...excerptTarget, page: 0 } },
      { type: 'openExcerpt', target: { ...excerptTarget, page: 2.5 } },
      { type: 'openExcerpt', target: { ...excerptTarget, source: 'made-up' } },
      { type: '__proto__' },
    ]) {
      assert.equal(isPanelInbound(message), false, JSON.stringify(message)?.slice(0, 120));
    }
  });
});

describe('messages from the excerpt page', () => {
  it('accepts what the page sends and nothing else', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'runCommand', command: 'attachPdf', paper: '1' },
      // The "Attach a folder of PDFs…" button of a panel without its PDF.
      { type: 'runCommand', command: 'attachPdfFolder', paper: '1' },
      { type: 'openPdfFile', page: 4 },
      { type: 'pdfStarted', mode: 'worker', ms: 12.5 },
      { type: 'excerptRendered', page: 4, highlights: 0, pages: [] },
      { type: 'excerptRendered', page: 4, highlights: 3, pages: [{ page: 4, highlights: 2 }, { page: 5, highlights: 1 }] },
    ]) {
      assert.equal(isExcerptInbound(message), true, JSON.stringify(message));
    }
    for (const message of [
      { type: 'runCommand', command: 'workbench.action.terminal.new', paper: '1' },
      { type: 'openPdfFile', page: '4' },
      { type: 'openPdfFile', page: -1 },
      { type: 'pdfStarted', mode: 'gpu', ms: 1 },
      { type: 'pdfStarted', mode: 'worker', ms: Number.NaN },
      { type: 'excerptRendered', page: 1, highlights: -1, pages: [] },
      { type: 'excerptRendered', page: 1, highlights: 0 },
      { type: 'excerptRendered', page: 1, highlights: 0, pages: [{ page: 0, highlights: 0 }] },
      { type: 'open', target: { kind: 'paper', id: '1' } }, // the panel page's message
      { type: 'openExcerpt', target: excerptTarget },
      { type: 'copy', text: 'q' }, // the excerpt page has no copy button
    ]) {
      assert.equal(isExcerptInbound(message), false, JSON.stringify(message));
    }
  });
});

describe('messages from the evidence map page', () => {
  it('accepts what the page sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'mapFilters', filters: { verdicts: ['supports'], papers: ['2309.00267'], collapsed: ['3.1'], onlyCited: true } },
      { type: 'mapCell', challenge: '3.2.2', paper: '2309.00267' },
      { type: 'open', target: { kind: 'challenge', id: '3.2.2' } },
      { type: 'openExcerpt', target: excerptTarget },
      { type: 'exportMap', format: 'png', palette: { background: '#000' } },
      { type: 'exportMap', format: 'svg' },
      { type: 'mapPng', data: 'iVBORw0KGgo=' },
      { type: 'mapPng', error: 'no canvas' },
      { type: 'mapRendered', cells: 120, ms: 8.5 },
    ]) {
      assert.equal(isMapInbound(message), true, JSON.stringify(message));
    }
  });

  it('drops messages of the wrong shape or of another page', () => {
    for (const message of [
      null,
      { type: 'mapFilters', filters: { verdicts: ['made-up'] } },
      { type: 'mapFilters', filters: { onlyCited: 'yes' } },
      { type: 'mapCell', challenge: 3, paper: '1' },
      { type: 'open', target: { kind: 'claim', id: 'x', document: 'file:///etc/passwd' } },
      { type: 'openExcerpt', target: { ...excerptTarget, page: 0 } },
      { type: 'exportMap', format: 'pdf' },
      { type: 'exportMap', format: 'svg', palette: 'red' },
      { type: 'mapPng', data: 42 },
      { type: 'mapRendered', cells: -1, ms: 1 },
      { type: 'copy', text: 'q' }, // the panel page's message
      { type: 'runCommand', command: 'downloadPdfs', paper: '1' }, // the excerpt page's message
    ]) {
      assert.equal(isMapInbound(message), false, JSON.stringify(message));
    }
  });
});

describe('what a panel page may open', () => {
  const corpus = { papers: new Map([['1', {} as Paper]]), challenges: new Map([['3.1', {}]]), links: [], problems: [], root: '/c' } as unknown as Corpus;

  it('opens papers and challenges of the corpus only', () => {
    assert.equal(mayOpenFromPanel(corpus, { kind: 'paper', id: '1' }), true);
    assert.equal(mayOpenFromPanel(corpus, { kind: 'challenge', id: '3.1', focus: { paper: '1', quote: 0 } }), true);
    assert.equal(mayOpenFromPanel(corpus, { kind: 'paper', id: '2' }), false);
    assert.equal(mayOpenFromPanel(corpus, { kind: 'challenge', id: '9.9' }), false);
    assert.equal(mayOpenFromPanel(corpus, { kind: 'challenge', id: '3.1', focus: { paper: 'nope', quote: 0 } }), false);
    assert.equal(mayOpenFromPanel(corpus, { kind: 'claim', id: 'x', document: 'file:///etc/passwd' }), false);
  });
});

describe('the webview page\'s Content-Security-Policy', () => {
  const nonce = 'bm9uY2Utb2YtdGVzdA==';
  const html = webviewDocument({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce,
    language: 'en',
    styles: ['https://file+.vscode-resource.vscode-cdn.net/media/panel.css'],
    script: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview/panel.js',
    loadingText: 'Loading…',
  });
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  const directives = new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it("denies everything by default and allows scripts by this page's nonce only", () => {
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    assert.deepEqual(directives.get('style-src'), ['https://file+.vscode-resource.vscode-cdn.net']);
  });

  it('gives the one script tag that same nonce, and has no inline script', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, new RegExp(` nonce="${nonce}" `));
    assert.equal(scripts[0]![2], '', 'no inline code');
  });

  it('lets a page widen one directive (pdf.js workers) without dropping the nonce', () => {
    const widened = contentSecurityPolicy('vscode-src', nonce, [`script-src 'nonce-${nonce}' vscode-src`, 'worker-src blob:']);
    assert.match(widened, new RegExp(`script-src 'nonce-${nonce}' vscode-src`));
    assert.equal(widened.match(/script-src/g)!.length, 1, 'the widened directive replaces the default one');
    assert.match(widened, /^default-src 'none'/);
  });
});

describe('the citation key', () => {
  it('is the same cleaned key in the .bib entry, the CSL item and what Insert Citation writes', () => {
    const paper = { id: '2309.00267', title: 'T', authors: ['A B'], year: 2023, venue: 'arXiv', version: 'v3', pdfUrl: 'https://arxiv.org/pdf/2309.00267v3', bibtexKey: 'lee 2023,{rlaif}' };
    assert.equal(citationKey(paper), 'lee2023rlaif');
    assert.match(toBibtexEntry(paper), /^@misc\{lee2023rlaif,/);
    assert.equal(toCslItem(paper).id, 'lee2023rlaif');
  });
});
