import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperFile, writeCorpus } from '../support/corpusFixture';
import { runCli } from '../support/cli';

const run = runCli;

describe('literature-companion CLI', () => {
  it('corpus --json prints papers and the taxonomy tree with evidence', () => {
    const result = run('corpus', '--json');
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.papers.length, 6);
    assert.deepEqual(Object.keys(json.papers[0]).sort(), ['authors', 'bibtexKey', 'id', 'title', 'version', 'year']);
    assert.deepEqual(json.taxonomy.map((node: { id: string }) => node.id), ['3.1', '3.2', '3.3', '3.4']);
    const hacking = json.taxonomy[1].children.find((node: { id: string }) => node.id === '3.2.2');
    assert.ok(hacking.papers.length >= 2);
    const evidence = hacking.papers[0].evidence[0];
    assert.deepEqual(Object.keys(evidence).sort(), ['page', 'quote']);
    assert.equal(typeof evidence.page, 'number');
    assert.deepEqual(hacking.children, []);
  });

  it('exits non-zero and names the file on a malformed corpus', () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1', { year: 'never' }) });
    const result = run('corpus', '--json', '--corpus', root);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /papers\/1\.md:5 \(year\)/);
  });

  it('rejects an unknown command with usage', () => {
    const result = run('frobnicate');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
  });
});
