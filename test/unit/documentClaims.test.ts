// The claims an editor shows for a document: where each one is, its verdict and sources, what Problems
// reports, and which claims are orphans. (Stryker found this module without a unit test of its own.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnnotation } from '../../src/core/annotations';
import type { Claim } from '../../src/core/claims';
import { annotatedClaimsIn, bundledClaimsIn, claimSummary, mergeClaims, needsAttention, sourcesSummary, verdictLabel } from '../../src/core/claims/documentClaims';
import type { EvidenceLink } from '../../src/core/corpus/model';

const TALK = 'RLHF is costly. RLAIF matches RLHF on summarization. Nobody measured this.';

const claim = (id: string, text: string, extra: Partial<Claim> = {}): Claim => ({
  id,
  text,
  gloss: `gloss ${id}`,
  verdict: 'supports',
  rationale: `why ${id}`,
  evidence: [{ paper: '2309.00267', version: 'v3', page: 1, quote: 'comparable performance', source: 'pdf' }],
  file: 'claims.yaml',
  ...extra,
});

describe('bundled claims in a document', () => {
  const claims = [
    claim('matches', 'RLAIF matches RLHF on summarization.', { evidence: [{ paper: '2307.09288', version: 'v2', page: 12, quote: 'transcribed', source: 'transcription' }] }),
    claim('gone', 'A sentence the talk no longer has.'),
  ];

  it('locates each claim by its text, with its verdict, gloss, rationale and evidence (transcribed quotes unverified)', () => {
    const { claims: located, orphans } = bundledClaimsIn(TALK, claims, true);
    assert.deepEqual(located, [
      {
        key: 'bundled:matches',
        origin: 'bundled',
        start: 16,
        end: 16 + 'RLAIF matches RLHF on summarization.'.length,
        text: 'RLAIF matches RLHF on summarization.',
        verdict: 'supports',
        evidence: [{ paper: '2307.09288', version: 'v2', page: 12, quote: 'transcribed', verified: false }],
        gloss: 'gloss matches',
        rationale: 'why matches',
        method: 'quote',
      },
    ]);
    assert.deepEqual(orphans, [{ key: 'bundled:gone', origin: 'bundled', text: 'A sentence the talk no longer has.', verdict: 'supports' }]);
  });

  it('reports no orphans in a document that is not the talk', () => {
    assert.deepEqual(bundledClaimsIn(TALK, claims, false).orphans, []);
    assert.equal(bundledClaimsIn(TALK, [claim('pdf', 'RLHF is costly.')], false).claims[0]!.evidence[0]!.verified, true);
  });
});

describe('annotated claims in a document', () => {
  const evidence = [
    { paper: '2307.09288', version: 'v2', page: 12, quote: 'transcribed words' },
    { paper: '2309.00267', version: 'v3', page: 1, quote: 'pdf words' },
  ];
  const corpus = { links: [{ paper: '2307.09288', challenge: '3', rationale: '', file: 'e.yaml', evidence: [{ page: 12, quote: 'transcribed words', source: 'transcription' }] }] as EvidenceLink[] };

  it('re-anchors after an edit above, keeps the note, and marks evidence reusing a transcribed quote unverified', () => {
    const annotation = createAnnotation({ id: 'urn:a', document: 'talk.md', text: TALK, start: 16, end: 52, verdict: 'partially-supports', evidence, note: 'check n' });
    const edited = `Intro. ${TALK}`;
    const { claims, orphans } = annotatedClaimsIn(edited, [annotation], corpus);
    assert.deepEqual(orphans, []);
    assert.equal(claims.length, 1);
    const [located] = claims;
    assert.deepEqual([located!.key, located!.origin, located!.start, located!.end, located!.text, located!.verdict, located!.note], ['annotation:urn:a', 'annotation', 23, 59, 'RLAIF matches RLHF on summarization.', 'partially-supports', 'check n']);
    assert.deepEqual(located!.evidence.map((e) => e.verified), [false, true]);
    assert.equal(located!.annotation, annotation);
    assert.notEqual(located!.method, undefined);
  });

  it('turns an annotation whose text is gone into an orphan with its verdict', () => {
    const annotation = createAnnotation({ id: 'urn:b', document: 'talk.md', text: TALK, start: 0, end: 15, verdict: 'contradicts' });
    const { claims, orphans } = annotatedClaimsIn('Something else entirely, with no trace of the claim.', [annotation]);
    assert.deepEqual(claims, []);
    assert.deepEqual(orphans, [{ key: 'annotation:urn:b', origin: 'annotation', text: 'RLHF is costly.', verdict: 'contradicts', annotation }]);
  });

  it('merges parts in document order (start, then end) and keeps every orphan', () => {
    const later = createAnnotation({ id: 'urn:c', document: 't', text: TALK, start: 53, end: TALK.length, verdict: 'not-addressed' });
    const first = createAnnotation({ id: 'urn:d', document: 't', text: TALK, start: 0, end: 4, verdict: 'supports', evidence });
    const wider = createAnnotation({ id: 'urn:e', document: 't', text: TALK, start: 0, end: 15, verdict: 'supports', evidence });
    const merged = mergeClaims(annotatedClaimsIn(TALK, [later, wider]), bundledClaimsIn(TALK, [claim('gone', 'missing text')], true), annotatedClaimsIn(TALK, [first]));
    assert.deepEqual(merged.claims.map((c) => c.key), ['annotation:urn:d', 'annotation:urn:e', 'annotation:urn:c']);
    assert.deepEqual(merged.orphans.map((o) => o.key), ['bundled:gone']);
  });
});

describe('what the editor says about a claim', () => {
  const source = (paper: string) => ({ paper, version: 'v1', page: 1, quote: 'q', verified: true });

  it('flags contradicted and unsupported claims for Problems, and nothing else', () => {
    assert.equal(needsAttention({ verdict: 'contradicts', evidence: [source('a')] }), 'contradicted');
    assert.equal(needsAttention({ verdict: 'supports', evidence: [] }), 'unsupported');
    assert.equal(needsAttention({ verdict: 'not-addressed', evidence: [source('a')] }), 'unsupported');
    assert.equal(needsAttention({ verdict: 'supports', evidence: [source('a')] }), undefined);
    assert.equal(needsAttention({ verdict: 'partially-supports', evidence: [source('a')] }), undefined);
  });

  it('labels verdicts and counts sources and papers for the CodeLens', () => {
    assert.deepEqual((['supports', 'partially-supports', 'contradicts', 'not-addressed'] as const).map((verdict) => verdictLabel(verdict)), ['supports', 'partially supports', 'contradicts', 'not addressed']);
    assert.equal(sourcesSummary({ evidence: [] }), 'no evidence yet');
    assert.equal(sourcesSummary({ evidence: [source('a')] }), '1 source');
    assert.equal(sourcesSummary({ evidence: [source('a'), source('a')] }), '2 sources');
    assert.equal(sourcesSummary({ evidence: [source('a'), source('b'), source('a')] }), '3 sources (2 papers)');
    assert.equal(claimSummary({ verdict: 'partially-supports', evidence: [source('a'), source('b')] }), '2 sources (2 papers) · partially supports');
  });
});
