// Questions the CLI and the editor must answer the same way (issue #10): what needs attention in a
// document. `lint` (CI) and the editor's Problems use one rule, `needsAttention`; this test pins the rule
// itself with an explicit table and checks that `lint` applies exactly that rule.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnnotationStore, annotationFileFor, createAnnotation, type Verdict } from '../../src/core/annotations';
import { needsAttention } from '../../src/core/claims/documentClaims';
import { runCli } from '../support/cli';
import { evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';

const EVIDENCE = [{ paper: '1', version: 'v1', page: 1, quote: 'Reward models are trained on comparisons.' }];

/** verdict × has evidence → what a person must be told. */
const RULE: [Verdict, boolean, 'contradicted' | 'unsupported' | undefined][] = [
  ['supports', true, undefined],
  ['supports', false, 'unsupported'],
  ['partially-supports', true, undefined],
  ['partially-supports', false, 'unsupported'],
  ['contradicts', true, 'contradicted'],
  ['contradicts', false, 'contradicted'],
  ['not-addressed', true, 'unsupported'],
  ['not-addressed', false, 'unsupported'],
];

describe('what needs attention: one rule for lint and the editor', () => {
  it('the rule, case by case', () => {
    for (const [verdict, hasEvidence, expected] of RULE) {
      assert.equal(needsAttention({ verdict, evidence: hasEvidence ? EVIDENCE : [] }), expected, `${verdict}, ${hasEvidence ? 'with' : 'without'} evidence`);
    }
  });

  it('lint flags exactly the claims the rule flags, and exits 1 because some are', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'litcomp-attention-'));
    const sentences = RULE.map(([verdict, hasEvidence], index) => `Claim ${index}: ${verdict} ${hasEvidence ? 'with' : 'without'} evidence.`);
    const text = `# Talk\n\n${sentences.join('\n\n')}\n`;
    writeFileSync(join(workspace, 'talk.md'), text);
    const store = await AnnotationStore.open(annotationFileFor(workspace));
    RULE.forEach(([verdict, hasEvidence], index) => {
      const start = text.indexOf(sentences[index]!);
      store.upsert(createAnnotation({ document: 'talk.md', text, start, end: start + sentences[index]!.length, verdict, evidence: hasEvidence ? EVIDENCE : [] }));
    });
    await store.save();
    const corpus = writeCorpus({
      'papers/1.md': paperFile('1'),
      'taxonomy/3.md': '---\nid: "3"\ntitle: Challenges\nproblems: []\n---\nThe challenges.\n',
      'evidence/1.yaml': evidenceFile('1', [{ challenge: '3', page: 1, quote: EVIDENCE[0]!.quote }]),
    });
    const noPdfs = mkdtempSync(join(tmpdir(), 'litcomp-nopdf-'));
    const result = runCli('lint', join(workspace, 'talk.md'), '--corpus', corpus, '--pdfs', noPdfs, '--json');
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { claims: { text: string; findings: { severity: string; message: string }[] }[] };
    const flagged = (claim: (typeof report.claims)[number]) => {
      const messages = claim.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.message);
      if (messages.some((message) => message.startsWith('contradicted'))) return 'contradicted';
      if (messages.some((message) => message.startsWith('unsupported'))) return 'unsupported';
      return undefined;
    };
    assert.deepEqual(
      report.claims.map((claim) => [claim.text, flagged(claim)]),
      RULE.map(([, , expected], index) => [sentences[index], expected]),
    );
  });
});

describe('which annotation file governs a document: one rule for lint and the editor', () => {
  it('the nearest .literature/ above the document, within the workspace folder; else the folder\'s own', async () => {
    const { governingAnnotationFile, annotationFileFor } = await import('../../src/core/annotations');
    const { mkdirSync } = await import('node:fs');
    const workspace = mkdtempSync(join(tmpdir(), 'litcomp-governing-'));
    const talk = join(workspace, 'talks', 'nested', 'talk.md');
    mkdirSync(join(workspace, 'talks', 'nested'), { recursive: true });
    writeFileSync(talk, '# Talk\n');
    assert.equal(governingAnnotationFile(talk, workspace), annotationFileFor(workspace), 'no file yet: the workspace folder\'s, where the first annotation goes');
    assert.equal(governingAnnotationFile(talk), undefined, 'without a boundary (lint) there is nothing to read yet');
    mkdirSync(join(workspace, '.literature'));
    writeFileSync(annotationFileFor(workspace), '{"schemaVersion":2,"documents":{},"deleted":{}}');
    assert.equal(governingAnnotationFile(talk, workspace), annotationFileFor(workspace));
    assert.equal(governingAnnotationFile(talk), annotationFileFor(workspace), 'lint finds the same file');
    mkdirSync(join(workspace, 'talks', '.literature'));
    writeFileSync(annotationFileFor(join(workspace, 'talks')), '{"schemaVersion":2,"documents":{},"deleted":{}}');
    assert.equal(governingAnnotationFile(talk, workspace), annotationFileFor(join(workspace, 'talks')), 'the nearer file wins');
    assert.equal(governingAnnotationFile(talk), annotationFileFor(join(workspace, 'talks')), 'for lint too');
    const outside = mkdtempSync(join(tmpdir(), 'litcomp-above-'));
    mkdirSync(join(outside, '.literature'));
    writeFileSync(annotationFileFor(outside), '{"schemaVersion":2,"documents":{},"deleted":{}}');
    const inner = join(outside, 'ws', 'doc.md');
    mkdirSync(join(outside, 'ws'));
    assert.equal(governingAnnotationFile(inner, join(outside, 'ws')), annotationFileFor(join(outside, 'ws')), 'the editor never looks above its workspace folder');
  });
});
