/** A talk's claims, each tied to the evidence that bears on it and a verdict (see sources/README.md). */
import type { QuoteSource } from '../corpus/model';
import { formatLocated } from '../common/location';
import type { PinnedQuote } from '../common/pinnedQuote';

/** How the evidence stands to a claim, as in SciFact and scite. */
export type Verdict = 'supports' | 'partially-supports' | 'contradicts' | 'not-addressed';

export const VERDICTS: readonly Verdict[] = ['supports', 'partially-supports', 'contradicts', 'not-addressed'];

/** A claim's quote; its version must be the paper's pinned version. */
export interface ClaimEvidence extends PinnedQuote {
  /** 'pdf': copied from the PDF's text and checked by the tests; 'transcription': unverified. */
  readonly source: QuoteSource;
}

export interface Claim {
  /** Stable id, e.g. "rlaif-harmless": annotations and views refer to claims by it. */
  readonly id: string;
  /** The claim exactly as written in the talk (a verbatim span of one line of it). */
  readonly text: string;
  /** A short English gloss of the claim. */
  readonly gloss: string;
  readonly verdict: Verdict;
  /** Why the evidence earns that verdict, by the rules of sources/README.md (checked by rationaleProblems). */
  readonly rationale: string;
  readonly evidence: readonly ClaimEvidence[];
  readonly file: string;
  /** 1-based line of the claim in its file. */
  readonly line?: number;
}

/** A claim (or part of one) that could not be loaded or checked; reported, never silently dropped. */
export interface ClaimProblem {
  readonly file: string;
  readonly line?: number;
  /** Path of the offending field, e.g. "claims[3].evidence[0].page". */
  readonly field?: string;
  readonly message: string;
  /** The claim the problem belongs to, when known. */
  readonly id?: string;
}

export interface ClaimSet {
  readonly claims: readonly Claim[];
  readonly problems: readonly ClaimProblem[];
  /** The talk the claims are spans of, resolved from the file's `talk` field. */
  readonly talk?: string;
}

/** All claims files of a corpus's `claims/` folder. */
export interface ClaimFolder {
  readonly folder: string;
  /** One set a file, each with its own talk. */
  readonly sets: readonly ClaimSet[];
  readonly claims: readonly Claim[];
  readonly problems: readonly ClaimProblem[];
}

/** `file:line (field): message`, the same shape as the corpus's problems (core/common/location). */
export const formatClaimProblem: (problem: ClaimProblem) => string = formatLocated;

/** Whether a quote can be trusted as the PDF's own words: only PDF-text quotes are checked by the tests. */
export function isVerifiedSource(evidence: ClaimEvidence): boolean {
  return evidence.source === 'pdf';
}
