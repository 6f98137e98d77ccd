import type { Corpus, Paper, QuoteSource } from '../corpus/model';
import { compareSectionIds } from '../tree/corpusTree';
import { renderMarkdown, type MarkdownOptions } from '../render/markdown';
import { shortAuthors } from '../render/untrustedText';

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

/** Paper and challenge views come from the corpus; claim views from the document's claims (see features/claims). */
/** `imageUrl` makes images of the corpus folder visible in summaries (the webview's address of a file). */
export function buildPanelView(corpus: Corpus, target: PanelTarget, imageUrl?: MarkdownOptions['imageUrl']): PanelView {
  if (target.kind === 'claim') return { kind: 'missing', target, message: 'This claim is no longer in its document.' };
  const markdown: MarkdownOptions = { imageFolder: corpus.root, imageUrl };
  return target.kind === 'paper' ? paperView(corpus, target.id, markdown) : challengeView(corpus, target.id, markdown, target.focus);
}

export { shortAuthors } from '../render/untrustedText';

export function paperRef(paper: Paper): PaperRef {
  return { id: paper.id, title: paper.title, authorsShort: shortAuthors(paper.authors), year: paper.year, version: paper.version };
}

function missing(corpus: Corpus, target: PanelTarget): MissingView {
  const problem = corpus.problems.find((p) => p.id === target.id && p.kind === target.kind);
  const reason = problem ? `its file has an error: ${problem.message} (${problem.file}${problem.line ? `:${problem.line}` : ''})` : 'it is not in the corpus';
  return { kind: 'missing', target, message: `The ${target.kind} "${target.id}" cannot be shown: ${reason}.` };
}

function paperView(corpus: Corpus, id: string, markdown: MarkdownOptions): PanelView {
  const paper = corpus.papers.get(id);
  if (!paper) return missing(corpus, { kind: 'paper', id });
  const challenges = corpus.links
    .filter((link) => link.paper === id)
    .sort((a, b) => compareSectionIds(a.challenge, b.challenge))
    .map((link) => ({ id: link.challenge, title: corpus.challenges.get(link.challenge)!.title, rationale: link.rationale, quotes: link.evidence }));
  return {
    kind: 'paper',
    paper: { ...paperRef(paper), authors: paper.authors, venue: paper.venue, pdfUrl: paper.pdfUrl, bibtexKey: paper.bibtexKey, sha256: paper.sha256 },
    summaryHtml: renderMarkdown(paper.summary, markdown),
    challenges,
    file: paper.file,
  };
}

function challengeView(corpus: Corpus, id: string, markdown: MarkdownOptions, focus?: { paper: string; quote: number }): PanelView {
  const challenge = corpus.challenges.get(id);
  if (!challenge) return missing(corpus, { kind: 'challenge', id });
  const breadcrumb: ChallengeRef[] = [];
  for (let parent = challenge.parent; parent !== undefined; parent = corpus.challenges.get(parent)?.parent) {
    const node = corpus.challenges.get(parent);
    if (!node) break;
    breadcrumb.unshift({ id: node.id, title: node.title });
  }
  const subChallenges = [...corpus.challenges.values()]
    .filter((child) => child.parent === id)
    .sort((a, b) => compareSectionIds(a.id, b.id))
    .map((child) => ({ id: child.id, title: child.title, paperCount: new Set(corpus.links.filter((link) => link.challenge === child.id).map((link) => link.paper)).size }));
  const papers = corpus.links
    .filter((link) => link.challenge === id)
    .map((link) => ({ link, paper: corpus.papers.get(link.paper)! }))
    .sort((a, b) => a.paper.year - b.paper.year || a.paper.id.localeCompare(b.paper.id))
    .map(({ link, paper }) => ({ ...paperRef(paper), rationale: link.rationale, quotes: link.evidence }));
  return {
    kind: 'challenge',
    challenge: { id: challenge.id, title: challenge.title, problems: challenge.problems.map((p) => ({ ...p })) },
    breadcrumb,
    subChallenges,
    descriptionHtml: renderMarkdown(challenge.description, markdown),
    papers,
    focus,
    file: challenge.file,
  };
}
