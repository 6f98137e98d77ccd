import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/core/render/markdown';

describe('markdown rendering of summaries', () => {
  it('renders headings, emphasis and quotes', () => {
    const html = renderMarkdown('## Key results\n\nRLAIF is *comparable* (p. 5).\n\n> "quoted" (p. 6)');
    assert.match(html, /<h2>Key results<\/h2>/);
    assert.match(html, /<em>comparable<\/em>/);
    assert.match(html, /<blockquote>/);
  });

  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('drops javascript: and data: links but keeps web links', () => {
    assert.doesNotMatch(renderMarkdown('[x](javascript:alert(1))'), /href="javascript/);
    assert.doesNotMatch(renderMarkdown('[x](data:text/html,hi)'), /href="data/);
    assert.match(renderMarkdown('[arXiv](https://arxiv.org/abs/2309.00267)'), /href="https:\/\/arxiv.org\/abs\/2309.00267"/);
  });

  it('turns paper: and challenge: links into in-panel navigation', () => {
    const html = renderMarkdown('see [RLAIF](paper:2309.00267) and [hacking](challenge:3.2.2)');
    assert.match(html, /data-open-kind="paper" data-open-id="2309.00267"/);
    assert.match(html, /data-open-kind="challenge" data-open-id="3.2.2"/);
  });
});

describe('markdown link schemes are checked from the start of the address', () => {
  // A scheme test without its ^ anchor would pass "javascript:…#" because it contains "#".
  for (const link of ['[x](javascript:alert(1)#)', '[x](javascript:alert(1)//https:)', '[x](vbscript:msgbox#paper:1)', '[x](data:text/html;base64,PHNjcmlwdD4=#mailto:)']) {
    it(`renders ${link} without a live href`, () => {
      const html = renderMarkdown(link);
      assert.doesNotMatch(html, /href="(?:javascript|vbscript|data)/i);
      assert.doesNotMatch(html, /<a /, 'no link at all: the text stays as written');
    });
  }
});

describe('markdown options and links, exactly', () => {
  it('keeps http: and mailto: links, and in-page anchors', () => {
    assert.match(renderMarkdown('[a](http://example.org/x)'), /href="http:\/\/example.org\/x"/);
    assert.match(renderMarkdown('[m](mailto:a@b.org)'), /href="mailto:a@b.org"/);
    assert.match(renderMarkdown('[s](#section)'), /href="#section"/);
  });

  it('checks the address with its surrounding spaces trimmed, and drops other schemes', () => {
    assert.match(renderMarkdown('[a](<  https://example.org>)'), /href="https:\/\/example.org"/);
    assert.doesNotMatch(renderMarkdown('[f](file:///etc/passwd)'), /<a /);
    assert.doesNotMatch(renderMarkdown('[v](vscode:extension/x)'), /<a /);
  });

  it('does not turn bare addresses into links, nor straighten quotes into curly ones', () => {
    const html = renderMarkdown('See https://example.org and "quoted" -- text (c)');
    assert.doesNotMatch(html, /<a /);
    assert.match(html, /&quot;quoted&quot; -- text \(c\)/);
  });

  it('makes paper: and challenge: links in-panel only: href "#", kind and id from the whole address', () => {
    const html = renderMarkdown('[p](paper:2309.00267v3) [c](CHALLENGE:3.2.2) [n](notpaper:1)');
    assert.match(html, /<a href="#" data-open-kind="paper" data-open-id="2309.00267v3">p<\/a>/);
    assert.match(html, /<a href="#" data-open-kind="challenge" data-open-id="3.2.2">c<\/a>/);
    assert.doesNotMatch(html, /href="notpaper|data-open-id="1"/, 'an unknown scheme is not a link');
    assert.match(html, /\[n\]\(notpaper:1\)/, 'it stays as written');
    assert.doesNotMatch(html, /href="paper:/);
    // Only an address that starts with the scheme: a web link whose path holds "paper:" stays a web link.
    assert.match(renderMarkdown('[w](https://example.org/paper:1)'), /<a href="https:\/\/example.org\/paper:1">w<\/a>/);
  });
});
