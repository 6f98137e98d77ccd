// The claim panel (CodeLens "Open claim", the Claims view) shows the claim as the editor does and names the
// paper of every quote; this is the view model the host sends to the panel page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentClaim } from '../../src/core/claims/documentClaims';
import type { Paper } from '../../src/core/corpus/model';
import { buildClaimPanelView } from '../../src/core/panels/claimPanel';

const paper: Paper = {
  id: '2309.00267', title: 'RLAIF', authors: ['Harrison Lee', 'Samrat Phatale', 'Hassan Mansoor'], year: 2023, venue: 'arXiv',
  version: 'v3', pdfUrl: 'https://arxiv.org/pdf/2309.00267v3', bibtexKey: 'lee2023rlaif', summary: '', file: '/corpus/papers/2309.00267.md',
};
const target = { kind: 'claim', id: 'claim-1', document: 'file:///talk.md' } as const;

function claim(overrides: Partial<DocumentClaim> = {}): DocumentClaim {
  return {
    key: 'claim-1', origin: 'annotation', start: 0, end: 20, text: 'AI feedback can replace human labels.', verdict: 'partially-supports', method: 'position',
    evidence: [
      { paper: '2309.00267', version: 'v3', page: 3, quote: 'RLAIF achieves comparable performance', verified: true },
      { paper: '9999.99999', version: 'v1', page: 2, quote: 'a quote from a transcription', verified: false },
    ],
    note: 'my note', rationale: 'why', gloss: 'in short',
    ...overrides,
  };
}

describe('claim panel view', () => {
  it('shows the claim with its verdict words, its sources summary, note, rationale and gloss', () => {
    const view = buildClaimPanelView(claim(), { papers: new Map([[paper.id, paper]]) }, target, 'talk.md');
    assert.equal(view.kind, 'claim');
    assert.deepEqual(view.target, target);
    assert.equal(view.text, 'AI feedback can replace human labels.');
    assert.equal(view.verdict, 'partially-supports');
    assert.equal(view.verdictLabel, 'partially supports');
    assert.equal(view.summary, '2 sources (2 papers)');
    assert.deepEqual([view.note, view.rationale, view.gloss, view.documentName], ['my note', 'why', 'in short', 'talk.md']);
  });

  it('names the paper of each quote, marks transcription quotes unverified, and keeps the arXiv id of a paper the corpus lacks', () => {
    const [known, unknown] = buildClaimPanelView(claim(), { papers: new Map([[paper.id, paper]]) }, target, 'talk.md').evidence;
    assert.deepEqual(known, {
      page: 3, quote: 'RLAIF achieves comparable performance', source: 'pdf', verified: true,
      paper: { id: '2309.00267', title: 'RLAIF', authorsShort: 'Lee et al.', year: 2023, version: 'v3' },
    });
    assert.deepEqual(unknown, { page: 2, quote: 'a quote from a transcription', source: 'transcription', verified: false, paper: { id: '9999.99999', title: 'arXiv 9999.99999' } });
  });

  it('says "no evidence yet" for a claim without quotes', () => {
    const view = buildClaimPanelView(claim({ evidence: [], verdict: 'not-addressed' }), { papers: new Map() }, target, 'talk.md');
    assert.equal(view.summary, 'no evidence yet');
    assert.equal(view.verdictLabel, 'not addressed');
    assert.deepEqual(view.evidence, []);
  });
});
