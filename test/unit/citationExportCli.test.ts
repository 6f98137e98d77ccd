import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBibtexPapers, parseCslJsonPapers } from '../../src/core/citations';
import { runCli } from '../support/cli';

const run = runCli;

describe('literature-companion export', () => {
  it('--format bibtex prints every paper of the bundled corpus, and the result parses back', () => {
    const result = run('export', '--format', 'bibtex');
    assert.equal(result.status, 0, result.stderr);
    assert.equal((result.stdout.match(/^@\w+\{/gm) ?? []).length, 6);
    assert.match(result.stdout, /@\w+\{stiennon2020learning,/);
    const back = parseBibtexPapers(result.stdout, 'stdout');
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.papers.map((p) => p.id).sort(), ['2009.01325', '2212.08073', '2305.10403', '2307.09288', '2307.15217', '2309.00267']);
  });

  it('--format csl-json prints CSL items that import back', () => {
    const result = run('export', '--format', 'csl-json');
    assert.equal(result.status, 0, result.stderr);
    const items = JSON.parse(result.stdout);
    assert.equal(items.length, 6);
    assert.ok(items.every((item: { id: string; author: unknown[]; issued: unknown }) => item.id && item.author.length > 0 && item.issued));
    assert.equal(parseCslJsonPapers(result.stdout, 'stdout').papers.length, 6);
  });

  it('rejects a missing or unknown format with exit 2', () => {
    const result = run('export', '--format', 'ris');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /export needs --format bibtex\|csl-json, not "ris"/);
  });
});
