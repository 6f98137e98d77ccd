import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnnotationStore, annotationFileFor, createAnnotation, type Verdict } from '../../src/core/annotations';
import { evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column, fixtureDir, writePdf } from '../support/pdfFixtures';
import { runCli } from '../support/cli';

const run = runCli;

const TALK = '# Talk\n\nRLHF needs reward models.\n\nRLAIF is strictly better than RLHF.\n\nNobody has measured this.\n';

interface ClaimSpec {
  exact: string;
  verdict: Verdict;
  evidence?: { paper: string; version: string; page: number; quote: string }[];
}

/** A workspace with talk/talk.md annotated in .literature/annotations.json, a corpus with paper "1", and its PDF. */
async function setUp(claims: ClaimSpec[], documentText = TALK) {
  const workspace = mkdtempSync(join(tmpdir(), 'litcomp-lint-'));
  mkdirSync(join(workspace, 'talk'));
  writeFileSync(join(workspace, 'talk', 'talk.md'), documentText);
  const store = await AnnotationStore.open(annotationFileFor(workspace));
  for (const claim of claims) {
    const start = TALK.indexOf(claim.exact);
    store.upsert(createAnnotation({ document: 'talk/talk.md', text: TALK, start, end: start + claim.exact.length, verdict: claim.verdict, evidence: claim.evidence }));
  }
  await store.save();
  const corpus = writeCorpus({
    'papers/1.md': paperFile('1'),
    'taxonomy/3.md': '---\nid: "3"\ntitle: Challenges\nproblems: []\n---\nThe challenges.\n',
    'evidence/1.yaml': evidenceFile('1', [{ challenge: '3', page: 1, quote: 'Reward models are trained on comparisons.' }]),
  });
  const pdfs = fixtureDir();
  writePdf(pdfs, '1.pdf', buildPdf([{ texts: column(['Reward models are trained on comparisons.', 'They are then used as the reward for RL.'], 72, 700) }, { texts: column(['A second page about overoptimization.'], 72, 700) }]));
  return { file: join(workspace, 'talk', 'talk.md'), workspace, corpus, pdfs, cache: join(pdfs, 'cache') };
}

const supported: ClaimSpec = { exact: 'RLHF needs reward models.', verdict: 'supports', evidence: [{ paper: '1', version: 'v1', page: 1, quote: 'Reward models are trained on comparisons.' }] };

describe('literature-companion lint', () => {
  it('passes a document whose claims are supported by quotes found in the PDF, after edits above them', async () => {
    const { file, corpus, pdfs, cache } = await setUp([supported], `Intro added later.\n\n${TALK}`);
    const result = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.document, 'talk/talk.md');
    assert.deepEqual(json.claims.map((c: { status: string; line: number; evidence: { check: string }[] }) => [c.status, c.line, c.evidence[0]!.check]), [['anchored', 5, 'found']]);
    assert.deepEqual(json.summary, { claims: 1, errors: 0, warnings: 0, hints: 0 });
    assert.deepEqual(json.references, []);
  });

  it('exits 1 on contradicted, unsupported and orphaned claims and on a quote that no longer verifies, with a readable report', async () => {
    const { file, corpus, pdfs, cache } = await setUp(
      [
        { ...supported, evidence: [{ paper: '1', version: 'v1', page: 1, quote: 'Reward models are never used.' }] },
        { exact: 'RLAIF is strictly better than RLHF.', verdict: 'contradicts', evidence: [{ paper: '1', version: 'v1', page: 2, quote: 'A second page about overoptimization.' }] },
        { exact: 'Nobody has measured this.', verdict: 'not-addressed' },
      ],
      TALK.replace('Nobody has measured this.\n', ''),
    );
    const result = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /talk\.md:3 {2}supports {2}1 source\(s\)/);
    assert.match(result.stdout, /error: 1v1 p\.1 "Reward models are never used\.": the quote no longer verifies/);
    assert.match(result.stdout, /talk\.md:5 {2}contradicts[\s\S]*error: contradicted by its evidence/);
    assert.match(result.stdout, /orphan {2}not-addressed[\s\S]*error: orphan: the claim is no longer in the document/);
    assert.match(result.stdout, /error: unsupported: the evidence does not address the claim/);
    assert.match(result.stdout, /3 claim\(s\), 4 error\(s\), 0 warning\(s\)/);
  });

  it('links the document\'s reference list to the corpus, with hints that never fail the run', async () => {
    const references = '\n## References\n\n1. Paper 1 – <https://example.org/paper-1.pdf>\n2. Paper One Hundred – <https://arxiv.org/pdf/2101.00001>\n';
    const { file, corpus, pdfs, cache } = await setUp([supported], `${TALK}${references}`);
    const result = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(json.references.map((r: { line: number; paper: string | null; hints: { kind: string }[] }) => [r.line, r.paper, r.hints.map((h) => h.kind)]), [[11, '1', ['other-place']], [12, null, []]]);
    assert.match(json.references[0].hints[0].message, /example\.org\/paper-1\.pdf is not the pinned version; the corpus pins 1v1/);
    assert.equal(json.summary.hints, 1);
    const text = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache);
    assert.match(text.stdout, /talk\.md:11 {2}reference → 1v1 {2}"Paper 1"\n {4}hint: https:\/\/example\.org/);
    assert.match(text.stdout, /talk\.md:12 {2}reference → not in the corpus {2}"Paper One Hundred"/);
    assert.match(text.stdout, /1 hint\(s\)/);
  });

  it('marks quotes unverified (not failed) when the PDF is absent', async () => {
    const { file, corpus, cache } = await setUp([supported]);
    const empty = mkdtempSync(join(tmpdir(), 'litcomp-nopdf-'));
    const result = run('lint', file, '--corpus', corpus, '--pdfs', empty, '--cache', cache, '--json');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).claims[0].evidence[0].check, 'pdf-missing');
  });

  it('exits 1 when evidence cites a paper the corpus does not have (an error, not a warning)', async () => {
    const { file, corpus, pdfs, cache } = await setUp([{ ...supported, evidence: [{ paper: '9999.99999', version: 'v1', page: 1, quote: 'A quote from nowhere.' }] }]);
    const result = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.claims[0].evidence[0].check, 'unknown-paper');
    assert.deepEqual(json.claims[0].findings.map((f: { severity: string }) => f.severity), ['error']);
    assert.deepEqual(json.summary, { claims: 1, errors: 1, warnings: 0, hints: 0 });
  });

  it('exits 1 on a supporting claim with no evidence yet (unsupported)', async () => {
    const { file, corpus, pdfs, cache } = await setUp([{ exact: 'Nobody has measured this.', verdict: 'supports', evidence: [] }]);
    const result = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).claims[0].findings, [{ severity: 'error', message: 'unsupported: no evidence' }]);
  });

  it('says where it looked when there is no annotation file, and reports a corrupt one', async () => {
    const lonely = mkdtempSync(join(tmpdir(), 'litcomp-lonely-'));
    writeFileSync(join(lonely, 'doc.md'), 'text');
    const none = run('lint', join(lonely, 'doc.md'));
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no \.literature\/annotations\.json in its folder or any folder above it/);
    const { file, workspace, corpus } = await setUp([supported]);
    writeFileSync(annotationFileFor(workspace), '{ broken');
    const corrupt = run('lint', file, '--corpus', corpus);
    assert.equal(corrupt.status, 1);
    assert.match(corrupt.stderr, /annotations\.json: is not valid JSON .*No annotations were loaded from it, and it will not be overwritten: fix it/);
    assert.deepEqual(readdirSync(join(workspace, '.literature')).sort(), ['annotations.json'], 'lint writes nothing: no backup, no lock');
  });

  it('exits 1 on a claim with two versions kept by merge-annotations, until one is removed', async () => {
    const { file, workspace, corpus, pdfs, cache } = await setUp([supported]);
    const store = await AnnotationStore.open(annotationFileFor(workspace));
    const [ours] = store.all();
    store.upsert({ ...ours!, id: `${ours!.id}~theirs-1`, conflictsWith: ours!.id });
    await store.save();
    const conflicted = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache);
    assert.equal(conflicted.status, 1, conflicted.stdout + conflicted.stderr);
    assert.equal(conflicted.stdout.match(/error: conflicted: edited on two git branches/g)?.length, 2);
    store.remove(`${ours!.id}~theirs-1`);
    await store.save();
    const resolved = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache);
    assert.equal(resolved.status, 0, resolved.stdout + resolved.stderr);
  });

  it('exits 1 on a claim marked "no evidence yet", whatever its verdict', async () => {
    const { file, corpus, pdfs, cache } = await setUp([{ exact: 'RLHF needs reward models.', verdict: 'supports', evidence: [] }]);
    const result = run('lint', file, '--corpus', corpus, '--pdfs', pdfs, '--cache', cache);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /error: unsupported: no evidence/);
  });
});
