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
