import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatVerifyTable, type QuoteVerdict } from '../../src/core/pdf';
import { renderMarkdown } from '../../src/core/render/markdown';
import { displayLine, escapeMarkdown, neutraliseBidi, shortAuthors, surnameOf } from '../../src/core/render/untrustedText';

const RLO = '\u202E';
const PDF = '\u202C';

describe('untrusted text: direction controls', () => {
  it('a right-to-left override cannot make "invoice…fdp.exe" read as "invoiceexe.pdf"', () => {
    const shown = neutraliseBidi(`invoice${RLO}fdp.exe${PDF}`);
    assert.equal(shown, 'invoice\uFFFDfdp.exe\uFFFD');
    for (const control of ['\u202A', '\u202B', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']) {
      assert.doesNotMatch(neutraliseBidi(`a${control}b`), /[\u202A-\u202E\u2066-\u2069]/u, `U+${control.codePointAt(0)!.toString(16)}`);
    }
  });

  it('leaves real right-to-left and other scripts alone', () => {
    for (const text of ['עברית', 'العربية', 'Русский текст', 'naïve café']) assert.equal(neutraliseBidi(text), text);
  });

  it('hover Markdown, one-line labels and the short author label neutralise them too', () => {
    assert.ok(!escapeMarkdown(`x${RLO}y`).includes(RLO));
    assert.ok(!displayLine(`x${RLO}y`).includes(RLO));
    assert.ok(!surnameOf(`Eve Ha${RLO}cker`).includes(RLO));
  });
});

describe('untrusted text: labels', () => {
  it('cuts a 5,000-character title to one line with an ellipsis', () => {
    const line = displayLine(`${'Long '.repeat(1000)}\n\ntitle`, 120);
    assert.ok(line.length <= 121 && line.length > 100, String(line.length));
    assert.ok(line.endsWith('…'));
    assert.equal(displayLine('short\n  title', 120), 'short title');
  });

  it('never takes markup for the surname in "Stiennon et al."', () => {
    assert.equal(surnameOf('Ada <img src=x onerror="window.__xss=1">'), 'Ada');
    assert.equal(surnameOf('Lovelace <b>'), 'Lovelace');
    assert.equal(surnameOf('Alan <script>window.__xss=1</script>'), 'Alan');
    assert.equal(surnameOf('<script>alert(1)</script>'), 'Anonymous');
    assert.equal(surnameOf('Jane <b>Smith</b>'), 'Smith', 'the name inside markup, not the markup');
    assert.equal(surnameOf('Nisan Stiennon'), 'Stiennon');
    assert.equal(surnameOf("Cathy O'Neil"), "O'Neil");
    assert.equal(shortAuthors(['Ada Lovelace <b>', 'Alan Turing', 'X']), 'Lovelace et al.');
    assert.equal(shortAuthors(['Юрий Гагарин', 'Alan Turing']), 'Гагарин & Turing');
  });
});

describe('summaries: images only from the corpus folder', () => {
  const folder = '/corpus';
  const imageUrl = (file: string) => `https://webview.test${file}`;

  it('a remote image shows its alt text, never an <img> to another server', () => {
    const html = renderMarkdown('Look: ![the chart](https://evil.example/track.png)', { imageFolder: folder, imageUrl });
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /<span class="image-alt">the chart<\/span>/);
  });

  it('an image beside the corpus files is shown from the webview address', () => {
    const html = renderMarkdown('![Figure 2](figures/fig2.png "RM score")', { imageFolder: folder, imageUrl });
    assert.match(html, /<img src="https:\/\/webview.test\/corpus\/figures\/fig2.png" alt="Figure 2" title="RM score">/);
  });

  it('a path that leaves the corpus folder, or no folder at all (CLI), shows the alt text', () => {
    for (const source of ['![secret](../../etc/passwd.png)', '![abs](/etc/x.png)', '![enc](%2e%2e/x.png)', '![data](data:image/png;base64,AAAA)']) {
      assert.doesNotMatch(renderMarkdown(source, { imageFolder: folder, imageUrl }), /<img/, source);
    }
    assert.doesNotMatch(renderMarkdown('![local](figures/fig2.png)'), /<img/);
  });

  it('alt text is text, even when it looks like HTML', () => {
    const html = renderMarkdown('![<img src=x onerror=alert(1)>](https://x.test/a.png)');
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('a relative link keeps its text but goes nowhere', () => {
    const html = renderMarkdown('[notes](notes/today.md) and [web](https://example.org/)');
    assert.match(html, /<a>notes<\/a>/);
    assert.match(html, /<a href="https:\/\/example.org\/">web<\/a>/);
  });

  it('direction controls in a summary are neutralised', () => {
    assert.ok(!renderMarkdown(`invoice${RLO}fdp.exe`).includes(RLO));
  });
});

describe('Verify All Quotes as a table', () => {
  const verdict = (overrides: Partial<QuoteVerdict>): QuoteVerdict => ({
    paper: '2009.01325',
    challenge: '3.2.2',
    page: 8,
    quote: 'We find that optimizing our reward model results in better summaries than directly optimizing ROUGE according to humans.',
    source: 'pdf',
    status: 'found',
    label: 'found',
    ...overrides,
  });
  const verdicts = [
    verdict({}),
    verdict({ paper: '2307.09288', challenge: '3.1', page: 12, status: 'pdf-missing', label: 'unverified (PDF missing)', source: 'transcription' }),
    verdict({ page: 3, status: 'found-elsewhere', label: 'found elsewhere (p.7)', method: 'fuzzy', score: 0.93, quote: `Short ${RLO}quote\nwith a newline` }),
  ];

  it('fits 100 columns, one line per quote, columns aligned', () => {
    const lines = formatVerifyTable(verdicts);
    assert.equal(lines.length, 2 + verdicts.length, 'header, rule, one row per quote');
    for (const line of lines) assert.ok(line.length <= 100, `${line.length}: ${line}`);
    const quoteColumn = lines[0]!.indexOf('quote');
    for (const line of lines.slice(2)) assert.equal(line[quoteColumn], '“', `quote column aligned in\n${line}`);
    const resultColumn = lines[0]!.indexOf('result');
    assert.ok(lines[3]!.slice(resultColumn).startsWith('unverified (PDF missing)'));
    assert.ok(lines[4]!.slice(resultColumn).startsWith('found elsewhere (p.7) [fuzzy 0.93]'));
    assert.ok(lines[2]!.endsWith('…'), 'a long quote is cut with an ellipsis');
    assert.ok(!lines[4]!.includes(RLO) && !lines[4]!.includes('\n'));
  });

  it('long ids of a person\'s own corpus give way before the quote does', () => {
    const lines = formatVerifyTable([verdict({ paper: 'a-very-long-paper-identifier-of-someones-own-corpus-2024-with-more', challenge: 'x'.repeat(60) })]);
    for (const line of lines) assert.ok(line.length <= 100, `${line.length}: ${line}`);
    assert.ok(lines[2]!.includes('“We find'), lines[2]);
  });
});
