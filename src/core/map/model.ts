/** The evidence map's shapes, shared by the host, the protocol and the webview (types only, no Node). */
import type { Verdict } from '../claims/model';
import type { QuoteSource } from '../corpus/model';

/** A claim of the talk as the map needs it: its verdict and the passages it quotes. */
export interface MapClaim {
  readonly key: string;
  readonly text: string;
  readonly verdict: Verdict;
  readonly evidence: readonly { readonly paper: string; readonly page: number; readonly quote: string }[];
}

export interface MapFilters {
  /** Verdicts whose claims are shown (markers, and "only what the talk cites"); empty or absent = all. */
  readonly verdicts?: readonly Verdict[];
  /** Papers shown as columns; absent = all. */
  readonly papers?: readonly string[];
  /** Only the papers the talk's claims (of the selected verdicts) cite. */
  readonly onlyCited?: boolean;
  /** Sections whose sub-challenges are folded into the section's row. */
  readonly collapsed?: readonly string[];
}

export interface MapColumn {
  readonly id: string;
  /** "Stiennon et al. 2020" */
  readonly label: string;
  readonly title: string;
  /** Quotes of this paper over the whole taxonomy. */
  readonly total: number;
  /** Whether a claim of the talk (of the selected verdicts) quotes this paper. */
  readonly cited: boolean;
}

/** A cell the talk's claims touch: which claims, and their verdicts. */
export interface MapTouch {
  readonly column: number;
  readonly claims: readonly { readonly key: string; readonly verdict: Verdict }[];
}

export interface MapRow {
  readonly id: string;
  readonly title: string;
  /** 0 for a top-level section, 1 for a sub-challenge, … */
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly collapsed: boolean;
  /** Quote counts, one per column; a section's row counts its own links and its sub-challenges'. */
  readonly cells: readonly number[];
  readonly total: number;
  /** Distinct verdicts of the claims touching this challenge (or its sub-challenges), in VERDICTS order. */
  readonly verdicts: readonly Verdict[];
  readonly touches: readonly MapTouch[];
}

export interface EvidenceMap {
  readonly columns: readonly MapColumn[];
  readonly rows: readonly MapRow[];
  /** The largest leaf or collapsed-section cell: shading is relative to it. */
  readonly maxCount: number;
  readonly totalQuotes: number;
  /** Every paper of the corpus (for the paper filter), whether shown or not. */
  readonly allPapers: readonly { readonly id: string; readonly label: string }[];
  readonly filters: Required<MapFilters>;
  readonly claims: number;
}

export interface MapQuote {
  readonly paper: string;
  readonly challenge: string;
  readonly challengeTitle: string;
  readonly page: number;
  readonly quote: string;
  readonly source: QuoteSource;
  readonly rationale: string;
  /** Claims of the talk quoting this passage. */
  readonly claims: readonly { readonly key: string; readonly text: string; readonly verdict: Verdict }[];
}
