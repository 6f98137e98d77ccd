import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { claimsFile, paperFile, writeCorpus } from '../support/corpusFixture';

const run = runCli;

describe('literature-companion claims', () => {
  it('--json prints the bundled talk\'s claims in the documented shape', () => {
    const result = run('claims', '--json');
    assert.equal(result.status, 0, result.stderr);
    const claims = JSON.parse(result.stdout);
    assert.ok(claims.length >= 15, `${claims.length} claims`);
    for (const claim of claims) {
      assert.deepEqual(Object.keys(claim), ['id', 'text', 'gloss', 'verdict', 'rationale', 'evidence']);
      assert.ok(['supports', 'partially-supports', 'contradicts', 'not-addressed'].includes(claim.verdict), claim.id);
      for (const evidence of claim.evidence) {
        assert.deepEqual(Object.keys(evidence), ['paper', 'version', 'page', 'quote', 'verified']);
        assert.equal(typeof evidence.page, 'number');
        // Llama 2 quotes come from a transcription: unverified; PDF-text quotes are verified by the tests.
        assert.equal(evidence.verified, evidence.paper !== '2307.09288', `${claim.id} ${evidence.paper}`);
      }
    }
    const harmless = claims.find((claim: { id: string }) => claim.id === 'rlaif-harmless');
    assert.equal(harmless.verdict, 'partially-supports');
    assert.ok(harmless.evidence.some((e: { paper: string; page: number }) => e.paper === '2309.00267' && e.page === 2));
  });

  it('prints a readable table without --json', () => {
    const result = run('claims');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^id +verdict +sources +claim$/m);
    assert.match(result.stdout, /^rlaif-summarization +contradicts +\d+q\/1p +On summarization/m);
    assert.match(result.stdout, /\d+ claims: /);
  });

  it('exits non-zero naming file:line (field) on a malformed claims file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'litcomp-claims-cli-')), 'talk.yaml');
    writeFileSync(file, 'claims:\n  - id: a\n    text: t\n    gloss: g\n    verdict: maybe\n    rationale: r\n');
    const result = run('claims', '--json', '--claims', file);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.includes(`${file}:5 (claims[0].verdict): "verdict" must be one of`), result.stderr);
  });

  it('--corpus reads the claims of that corpus\'s claims/ folder, every file, not the bundled talk', () => {
    const root = writeCorpus({
      'papers/2101.00001.md': paperFile('2101.00001'),
      'claims/my-talk.yaml': claimsFile('../my-talk.md', [{ id: 'own-claim', text: 'My own claim.', paper: '2101.00001' }]),
      'claims/second-talk.yml': claimsFile(undefined, [{ id: 'second-claim', text: 'Another claim.', paper: '2101.00001' }]),
      'claims/notes.txt': 'not a claims file',
    });
    writeFileSync(join(root, 'my-talk.md'), '# Talk\n\nMy own claim. More text.\n');
    const result = run('claims', '--json', '--corpus', root);
    assert.equal(result.status, 0, result.stderr);
    const claims = JSON.parse(result.stdout);
    assert.deepEqual(claims.map((claim: { id: string }) => claim.id), ['own-claim', 'second-claim']);
    assert.deepEqual(claims[0].evidence, [{ paper: '2101.00001', version: 'v1', page: 1, quote: 'A quote.', verified: true }]);
    const table = run('claims', '--corpus', root);
    assert.match(table.stdout, /^own-claim +supports +1q\/1p +Gloss of own-claim\.$/m);
    assert.match(table.stdout, /^2 claims: 2 supports$/m);
  });

  it('--corpus: a claim id used twice across files is reported with both places, exit 1', () => {
    const root = writeCorpus({
      'papers/2101.00001.md': paperFile('2101.00001'),
      'claims/a.yaml': claimsFile(undefined, [{ id: 'same', text: 'One.', paper: '2101.00001' }]),
      'claims/b.yaml': claimsFile(undefined, [{ id: 'same', text: 'Two.', paper: '2101.00001' }]),
    });
    const result = run('claims', '--corpus', root);
    assert.equal(result.status, 1);
    assert.ok(result.stderr.includes(`${join(root, 'claims', 'b.yaml')}:2 (id): id "same" is already used in ${join(root, 'claims', 'a.yaml')}:2`), result.stderr);
  });

  it('--corpus without a claims/ folder says how to add one', () => {
    const root = writeCorpus({ 'papers/2101.00001.md': paperFile('2101.00001') });
    const result = run('claims', '--corpus', root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /No claims in .*claims \(no \.yaml files\)\. Add claims\/<talk>\.yaml/);
    assert.deepEqual(JSON.parse(run('claims', '--json', '--corpus', root).stdout), []);
  });

  it('text output neutralises direction controls from corpus text (escapes are stripped at a terminal: cliStrict); --json keeps it exact', () => {
    const title = 'Report invoice\u202Efdp.exe\u202C \u001b[2J cleared';
    const root = writeCorpus({ 'papers/2101.00001.md': paperFile('2101.00001', { title: JSON.stringify(title) }) });
    const text = run('corpus', '--corpus', root);
    assert.equal(text.status, 0, text.stderr);
    assert.ok(text.stdout.includes('Report invoice\uFFFDfdp.exe\uFFFD'), text.stdout);
    assert.doesNotMatch(text.stdout, /[\u202A-\u202E\u2066-\u2069]/u);
    assert.equal(JSON.parse(run('corpus', '--json', '--corpus', root).stdout).papers[0].title, title);
  });
});
