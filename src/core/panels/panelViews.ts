// The views the paper, challenge and claim panels draw: types only, so that webview code can import them
// without pulling in the host-side builders (Markdown rendering, file paths) of panelModels.ts.
import type { QuoteSource } from '../corpus/model';
/** What a panel shows. Built by the host from the corpus and sent to the webview, which only renders it. */
export type PanelTarget =
  | { readonly kind: 'paper'; readonly id: string }
  /** A claim of a document: `id` is the claim's key, `document` the document's URI. */
  | { readonly kind: 'claim'; readonly id: string; readonly document: string }
  | { readonly kind: 'challenge'; readonly id: string; readonly focus?: { readonly paper: string; readonly quote: number } };

export interface QuoteView {
  readonly page: number;
  readonly quote: string;
  readonly source: QuoteSource;
}

export interface PaperRef {
  readonly id: string;
  readonly title: string;
  readonly authorsShort: string;
  readonly year: number;
  readonly version: string;
}

export interface ChallengeRef {
  readonly id: string;
  readonly title: string;
}

export interface PaperView {
  readonly kind: 'paper';
  readonly paper: PaperRef & { readonly authors: readonly string[]; readonly venue: string; readonly pdfUrl: string; readonly bibtexKey: string; readonly sha256?: string };
  /** HTML from markdown-it with raw HTML disabled. */
  readonly summaryHtml: string;
  readonly challenges: readonly (ChallengeRef & { readonly rationale: string; readonly quotes: readonly QuoteView[] })[];
  readonly file: string;
}

export interface ChallengeView {
  readonly kind: 'challenge';
  readonly challenge: ChallengeRef & { readonly problems: readonly { title: string; kind: 'tractable' | 'fundamental' }[] };
  readonly breadcrumb: readonly ChallengeRef[];
  readonly subChallenges: readonly (ChallengeRef & { readonly paperCount: number })[];
  readonly descriptionHtml: string;
  readonly papers: readonly (PaperRef & { readonly rationale: string; readonly quotes: readonly QuoteView[] })[];
  readonly focus?: { readonly paper: string; readonly quote: number };
  readonly file: string;
}

export interface MissingView {
  readonly kind: 'missing';
  readonly target: PanelTarget;
  readonly message: string;
}

export interface ClaimPanelView {
  readonly kind: 'claim';
  readonly target: Extract<PanelTarget, { kind: 'claim' }>;
  readonly text: string;
  readonly verdict: string;
  readonly verdictLabel: string;
  readonly summary: string;
  readonly gloss?: string;
  readonly rationale?: string;
  readonly note?: string;
  readonly documentName: string;
  readonly evidence: readonly (QuoteView & { readonly paper: PaperRef | { readonly id: string; readonly title: string }; readonly verified: boolean })[];
}

export type PanelView = PaperView | ChallengeView | ClaimPanelView | MissingView;
