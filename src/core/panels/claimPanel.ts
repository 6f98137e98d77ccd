import type { Corpus } from '../corpus/model';
import { CLAIM_TEXT, sourcesSummary, verdictLabel, type ClaimTexts, type DocumentClaim } from '../claims/documentClaims';
import { paperRef } from './panelModels';
import type { ClaimPanelView, PanelTarget } from './panelViews';

/**
 * The claim panel's view: the claim as its document shows it (verdict, summary, gloss, rationale, note)
 * and each quote with the paper it comes from. A quote of a paper the corpus lacks keeps its arXiv id, so
 * the panel still names where it came from. `texts`: the verdict's and the summary's words (English by default).
 */
export function buildClaimPanelView(
  claim: DocumentClaim,
  corpus: Pick<Corpus, 'papers'>,
  target: Extract<PanelTarget, { kind: 'claim' }>,
  documentName: string,
  texts: ClaimTexts = CLAIM_TEXT,
): ClaimPanelView {
  return {
    kind: 'claim',
    target,
    text: claim.text,
    verdict: claim.verdict,
    verdictLabel: verdictLabel(claim.verdict, texts),
    summary: sourcesSummary(claim, texts),
    gloss: claim.gloss,
    rationale: claim.rationale,
    note: claim.note,
    documentName,
    evidence: claim.evidence.map((evidence) => {
      const paper = corpus.papers.get(evidence.paper);
      return {
        page: evidence.page,
        quote: evidence.quote,
        source: evidence.verified ? 'pdf' : 'transcription',
        verified: evidence.verified,
        paper: paper ? paperRef(paper) : { id: evidence.paper, title: `arXiv ${evidence.paper}` },
      };
    }),
  };
}
