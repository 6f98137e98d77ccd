import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { citationAt, citationLanguageOf, parseCitations } from '../../src/core/citations';

const keysOf = (text: string, language: 'markdown' | 'latex') => parseCitations(text, language).map((c) => c.keys.map((k) => [k.key, text.slice(k.start, k.end), k.locator ?? null]));

describe('citation parsing', () => {
  it('Pandoc: [@key], several keys with locators, prefixes and suppressed authors', () => {
    const text = 'RLHF works [@stiennon2020learning]. But see [see @bai2022constitutional, p. 5; -@lee2023rlaif, pp. 3-4] and [@{odd key}].';
    assert.deepEqual(keysOf(text, 'markdown'), [
      [['stiennon2020learning', 'stiennon2020learning', null]],
      [
        ['bai2022constitutional', 'bai2022constitutional', 'p. 5'],
        ['lee2023rlaif', 'lee2023rlaif', 'pp. 3-4'],
      ],
    ]);
  });

  it('Pandoc: in-text @key, keys with internal punctuation, not e-mails, links or code', () => {
    const text = '@touvron2023llama says so; mail me@example.org; [a link](http://x) and `@notacite` and\n```\n[@fenced]\n```\n@casper:2023.open ends.';
    const citations = parseCitations(text, 'markdown');
    assert.deepEqual(citations.map((c) => [c.syntax, c.keys[0]!.key]), [
      ['pandoc-in-text', 'touvron2023llama'],
      ['pandoc-in-text', 'casper:2023.open'],
    ]);
  });

  it('LaTeX: \\cite, \\citep with several keys, \\citet with a postnote, comments skipped', () => {
    const text = 'As shown \\cite{a}, \\citep{b, c} and \\citet[p.~3]{key}; \\citep[see][ch. 2]{d}. % \\cite{commented}\n\\parencite*{e}';
    assert.deepEqual(keysOf(text, 'latex'), [[['a', 'a', null]], [['b', 'b', null], ['c', 'c', null]], [['key', 'key', 'p.~3']], [['d', 'd', 'ch. 2']], [['e', 'e', null]]]);
    const [, , citet] = parseCitations(text, 'latex');
    assert.equal(citet!.command, 'citet');
    assert.equal(text.slice(citet!.start, citet!.end), '\\citet[p.~3]{key}');
  });

  it('citationAt finds the key under the cursor', () => {
    const text = 'x [@a; @bb] y';
    const citations = parseCitations(text, 'markdown');
    assert.equal(citationAt(citations, text.indexOf('bb') + 1)?.key?.key, 'bb');
    assert.equal(citationAt(citations, text.indexOf(';') + 1)?.key, undefined);
    assert.equal(citationAt(citations, 0), undefined);
    assert.equal(citationLanguageOf('talk.tex'), 'latex');
    assert.equal(citationLanguageOf('talk.md'), 'markdown');
  });

  it('property: offsets always point at the key text, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('@', '[', ']', ';', ',', ' ', 'a', 'b', '1', '.', '-', '\\', 'c', 'i', 't', 'e', '{', '}', '%', '`', '\n'), maxLength: 80 }), fc.constantFrom('markdown' as const, 'latex' as const), (text, language) => {
        for (const citation of parseCitations(text, language)) {
          for (const key of citation.keys) if (text.slice(key.start, key.end) !== key.key || key.start < citation.start || key.end > citation.end) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
