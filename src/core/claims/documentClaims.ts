import { evidenceOf, noteOf, positionSelector, quoteSelector, verdictOf, type Annotation } from '../annotations/model';
import { editBudget, reanchor } from '../annotations/reanchor';
import type { FuzzyBudget } from '../pdf/fuzzySearch';
import type { Corpus } from '../corpus/model';
import type { Claim, Verdict } from './model';
import { englishTexts, say, sayCount } from '../l10n/displayText';
import { verdictLooks } from './verdictStyle';
import type { PinnedQuote } from '../common/pinnedQuote';

/** One piece of evidence of a claim, as the editor shows it. */
export interface ClaimEvidenceView extends PinnedQuote {
  /** False for quotes copied from a transcription (unverified until the PDF is checked). */
  readonly verified: boolean;
}

/**
 * A claim located in a document: either one of the bundled talk's claims (read-only, from sources/claims)
 * or a person's annotation (W3C Web Annotation in the workspace's annotation file).
 */
export interface DocumentClaim {
  readonly key: string;
  readonly origin: 'bundled' | 'annotation';
  /** UTF-16 offsets in the document's current text, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly verdict: Verdict;
  readonly evidence: readonly ClaimEvidenceView[];
  readonly gloss?: string;
  readonly rationale?: string;
  readonly note?: string;
  readonly annotation?: Annotation;
  /** How the annotation was found after edits; 'quote' for bundled claims. */
  readonly method: 'position' | 'quote' | 'fuzzy';
  /** Edited on two git branches and both versions kept by merge-annotations: the person keeps one. */
  readonly conflicted?: boolean;
}

/** An annotation (or a bundled claim of this talk) whose text is no longer in the document. */
export interface OrphanClaim {
  readonly key: string;
  readonly origin: 'bundled' | 'annotation';
  readonly text: string;
  readonly verdict: Verdict;
  readonly annotation?: Annotation;
}

export interface DocumentClaims {
  readonly claims: readonly DocumentClaim[];
  readonly orphans: readonly OrphanClaim[];
}

/** A claim that stands on nothing or is contradicted: what Problems reports and what makes `lint` fail (one rule for both). */
export function needsAttention(claim: { readonly verdict: Verdict; readonly evidence: readonly unknown[] }): 'contradicted' | 'unsupported' | undefined {
  if (claim.verdict === 'contradicts') return 'contradicted';
  if (claim.evidence.length === 0 || claim.verdict === 'not-addressed') return 'unsupported';
  return undefined;
}

export function bundledClaimsIn(text: string, claims: readonly Claim[], isTheTalk: boolean): DocumentClaims {
  const located: DocumentClaim[] = [];
  const orphans: OrphanClaim[] = [];
  for (const claim of claims) {
    const start = text.indexOf(claim.text);
    const key = `bundled:${claim.id}`;
    if (start < 0) {
      // Only the talk itself can lose a bundled claim; other documents simply do not contain them.
      if (isTheTalk) orphans.push({ key, origin: 'bundled', text: claim.text, verdict: claim.verdict });
      continue;
    }
    located.push({
      key,
      origin: 'bundled',
      start,
      end: start + claim.text.length,
      text: claim.text,
      verdict: claim.verdict,
      evidence: claim.evidence.map(({ paper, version, page, quote, source }) => ({ paper, version, page, quote, verified: source === 'pdf' })),
      gloss: claim.gloss,
      rationale: claim.rationale,
      method: 'quote',
    });
  }
  return { claims: located, orphans };
}

/**
 * The document's annotations located in its current text. Runs on the extension host after every edit:
 * all fuzzy searches of one call share one bounded budget (reanchor.ts, EDIT_FUZZY_CELLS).
 */
export function annotatedClaimsIn(text: string, annotations: readonly Annotation[], corpus?: Pick<Corpus, 'links'>, fuzzyBudget: FuzzyBudget = editBudget()): DocumentClaims {
  const transcribed = transcribedQuotes(corpus);
  const located: DocumentClaim[] = [];
  const orphans: OrphanClaim[] = [];
  const conflicted = conflictedIds(annotations);
  // After an edit every claim below it moves by the same amount: the last shift seen is the next hint.
  let expectedShift = 0;
  for (const annotation of annotations) {
    const anchored = reanchor(annotation, text, { expectedShift, fuzzyBudget });
    if (anchored.status === 'anchored') expectedShift = anchored.start - positionSelector(annotation).start;
    const key = `annotation:${annotation.id}`;
    const verdict = verdictOf(annotation);
    if (anchored.status === 'orphan') {
      orphans.push({ key, origin: 'annotation', text: quoteSelector(annotation).exact, verdict, annotation });
      continue;
    }
    located.push({
      key,
      origin: 'annotation',
      start: anchored.start,
      end: anchored.end,
      text: text.slice(anchored.start, anchored.end),
      verdict,
      evidence: evidenceOf(annotation).map(({ paper, version, page, quote }) => ({ paper, version, page, quote, verified: !transcribed.has(`${paper}|${quote}`) })),
      note: noteOf(annotation),
      annotation,
      method: anchored.method,
      ...(conflicted.has(annotation.id) ? { conflicted: true } : {}),
    });
  }
  return { claims: located, orphans };
}

/** Both halves of each pair merge-annotations kept (`conflictsWith`), while both are still there. */
function conflictedIds(annotations: readonly Annotation[]): Set<string> {
  const ids = new Set(annotations.map((annotation) => annotation.id));
  const conflicted = new Set<string>();
  for (const annotation of annotations) {
    if (annotation.conflictsWith && ids.has(annotation.conflictsWith)) conflicted.add(annotation.id).add(annotation.conflictsWith);
  }
  return conflicted;
}

/** Stored quotes the corpus marks as coming from a transcription: evidence reusing them stays unverified. */
function transcribedQuotes(corpus?: Pick<Corpus, 'links'>): Set<string> {
  const keys = new Set<string>();
  for (const link of corpus?.links ?? []) for (const evidence of link.evidence) if (evidence.source === 'transcription') keys.add(`${link.paper}|${evidence.quote}`);
  return keys;
}

export function mergeClaims(...parts: DocumentClaims[]): DocumentClaims {
  return {
    claims: parts.flatMap((part) => part.claims).sort((a, b) => a.start - b.start || a.end - b.end),
    orphans: parts.flatMap((part) => part.orphans),
  };
}

/** The words the editor shows about a claim: its verdict and how much evidence it has (English defaults). */
export const CLAIM_TEXT = englishTexts<Verdict | 'noEvidence' | 'sources' | 'papers'>({
  ...verdictLooks('label'),
  noEvidence: 'no evidence yet',
  sources: '{0} source|{0} sources',
  papers: '{0} paper|{0} papers',
});
export type ClaimTexts = typeof CLAIM_TEXT;

export function verdictLabel(verdict: Verdict, texts: ClaimTexts = CLAIM_TEXT): string {
  return say(texts, verdict);
}

/** "3 sources (2 papers)", or "no evidence yet". */
export function sourcesSummary(claim: Pick<DocumentClaim, 'evidence'>, texts: ClaimTexts = CLAIM_TEXT): string {
  const papers = new Set(claim.evidence.map((evidence) => evidence.paper)).size;
  if (claim.evidence.length === 0) return say(texts, 'noEvidence');
  const sources = sayCount(texts, 'sources', claim.evidence.length);
  return papers > 1 ? `${sources} (${sayCount(texts, 'papers', papers)})` : sources;
}

/** The CodeLens text, e.g. "3 sources · partially supports". */
export function claimSummary(claim: Pick<DocumentClaim, 'verdict' | 'evidence'>, texts: ClaimTexts = CLAIM_TEXT): string {
  return `${sourcesSummary(claim, texts)} · ${verdictLabel(claim.verdict, texts)}`;
}
