import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';

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
});
