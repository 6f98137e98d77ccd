import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceAt } from '../../src/core/claims/sentenceAt';

describe('the sentence under the cursor (Find evidence… light bulb)', () => {
  const line = '- RLAIF is as good as RLHF. It is also cheaper by 10x! Short.';
  it('picks the sentence that holds the column, without list markup', () => {
    assert.equal(sentenceAt(line, 4)?.text, 'RLAIF is as good as RLHF.');
    const second = sentenceAt(line, line.indexOf('cheaper'))!;
    assert.equal(second.text, 'It is also cheaper by 10x!');
    assert.equal(line.slice(second.start, second.end), second.text);
  });

  it('offers nothing on a fragment, a code fence or a LaTeX command line', () => {
    assert.equal(sentenceAt(line, line.length - 2), undefined, '"Short." is not a claim');
    assert.equal(sentenceAt('```ts', 1), undefined);
    assert.equal(sentenceAt('\\begin{itemize}', 3), undefined);
    assert.equal(sentenceAt('', 0), undefined);
  });

  it('reads a Russian talk line and a heading', () => {
    assert.equal(sentenceAt('## Говоря о безвредности – RLAIF превосходит RLHF', 5)?.text, 'Говоря о безвредности – RLAIF превосходит RLHF');
    assert.equal(sentenceAt('\\item Human feedback is expensive to collect.', 8)?.text, 'Human feedback is expensive to collect.');
  });
});
