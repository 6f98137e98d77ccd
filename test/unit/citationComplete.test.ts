import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingAfterKey, keyInProgress } from '../../src/features/citations/citedContext';

/** What accepting a completion leaves on the line: the key replaces the typed part, plus any closing. */
function complete(line: string, cursor: number, key: string, language: 'markdown' | 'latex'): string {
  const typing = keyInProgress(line.slice(0, cursor), language);
  assert.ok(typing, `a key is being typed at ${cursor} in ${line}`);
  const rest = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]*/u.exec(line.slice(cursor))![0].length;
  return line.slice(0, typing.column) + key + closingAfterKey(line.slice(cursor + rest), language) + line.slice(cursor + rest);
}

describe('citation completion closes what it opened', () => {
  it('Markdown: "[@" becomes "[@key]", not "[@key"', () => {
    assert.equal(complete('RLHF works [@', 13, 'stiennon2020learning', 'markdown'), 'RLHF works [@stiennon2020learning]');
    assert.equal(complete('See [@sti and more', 9, 'stiennon2020learning', 'markdown'), 'See [@stiennon2020learning] and more');
  });

  it('Markdown: an already closed citation gets no second "]"', () => {
    assert.equal(complete('See [@sti]', 9, 'stiennon2020learning', 'markdown'), 'See [@stiennon2020learning]');
    assert.equal(complete('[@a; @] then', 6, 'bai2022', 'markdown'), '[@a; @bai2022] then');
    assert.equal(complete('[@bai; @b, p. 3]', 9, 'casper2023', 'markdown'), '[@bai; @casper2023, p. 3]');
  });

  it('Markdown: a "]" that belongs to a later bracket does not count', () => {
    assert.equal(complete('[@ and [link]', 2, 'k', 'markdown'), '[@k] and [link]');
  });

  it('LaTeX: "\\cite{" becomes "\\cite{key}", and a closed one stays closed', () => {
    assert.equal(complete('As shown \\cite{', 15, 'stiennon2020learning', 'latex'), 'As shown \\cite{stiennon2020learning}');
    assert.equal(complete('\\citep[p.~3]{a, ba', 18, 'bai2022', 'latex'), '\\citep[p.~3]{a, bai2022}');
    assert.equal(complete('\\cite{st} text', 8, 'stiennon', 'latex'), '\\cite{stiennon} text');
    assert.equal(complete('\\cite{ \\emph{x}', 6, 'k', 'latex'), '\\cite{k} \\emph{x}');
  });
});
