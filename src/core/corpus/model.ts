/** The corpus as the rest of the extension sees it: papers, the challenge taxonomy and the links between them. */
import { formatLocated } from '../common/location';

export type PaperId = string;
export type ChallengeId = string;

export interface Paper {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year: number;
  readonly venue: string;
  /** The arXiv version (e.g. "v3") whose PDF pages the evidence refers to. */
  readonly version: string;
  readonly pdfUrl: string;
  readonly bibtexKey: string;
  readonly sha256?: string;
  /** Markdown, the paper's summary in our own words. */
  readonly summary: string;
  readonly file: string;
}

export type ProblemKind = 'tractable' | 'fundamental';

export interface ChallengeProblem {
  readonly title: string;
  readonly kind: ProblemKind;
}

export interface Challenge {
  readonly id: ChallengeId;
  readonly title: string;
  readonly parent?: ChallengeId;
  readonly problems: readonly ChallengeProblem[];
  /** Markdown, the challenge described in our own words. */
  readonly description: string;
  readonly file: string;
}

/** Where a quote was copied from: the pinned PDF's text, or a transcription (unverified until checked). */
export type QuoteSource = 'pdf' | 'transcription';

export interface Evidence {
  /** 1-based physical page index in the pinned PDF. */
  readonly page: number;
  readonly quote: string;
  readonly source: QuoteSource;
}

export interface EvidenceLink {
  readonly paper: PaperId;
  readonly challenge: ChallengeId;
  readonly rationale: string;
  readonly evidence: readonly Evidence[];
  readonly file: string;
  readonly line?: number;
}

/** A file (or part of one) that could not be loaded. It is reported and shown, never silently dropped. */
export interface CorpusProblem {
  readonly file: string;
  /** 1-based line of the offending field when known. */
  readonly line?: number;
  /** Dotted path of the offending field, e.g. "links[2].evidence[0].page". */
  readonly field?: string;
  readonly message: string;
  /** What the file was meant to define, so views can show the broken item in its place. */
  readonly kind: 'paper' | 'challenge' | 'evidence' | 'lexicon';
  /** The id the file was meant to define, when it can be told (from the file name). */
  readonly id?: string;
}

/**
 * One term of the Russian → English lexicon (lexicon/*.yaml): a Russian word or phrase in any form and the
 * English renderings a paper would use. Evidence search translates Russian claims with it.
 */
export interface LexiconEntry {
  readonly russian: string;
  readonly english: readonly string[];
  readonly file?: string;
  readonly line?: number;
}

export interface Corpus {
  readonly root: string;
  readonly papers: ReadonlyMap<PaperId, Paper>;
  readonly challenges: ReadonlyMap<ChallengeId, Challenge>;
  readonly links: readonly EvidenceLink[];
  readonly problems: readonly CorpusProblem[];
  /** The lexicon's terms, bundled ones first, then the corpus's own (which win for the same phrase). */
  readonly lexicon?: readonly LexiconEntry[];
}

/** `file:line (field): message` (core/common/location: every problem list is written so). */
export const formatProblem: (problem: CorpusProblem) => string = formatLocated;
