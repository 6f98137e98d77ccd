import type { Corpus, Paper } from '../corpus/model';
import { compareSectionIds } from '../tree/corpusTree';
import { renderMarkdown, type MarkdownOptions } from '../render/markdown';
import { shortAuthors } from '../render/untrustedText';
import type { PanelTarget, PaperRef, ChallengeRef, MissingView, PanelView } from './panelViews';
import { fileLine } from '../common/location';
export type { PanelTarget, QuoteView, PaperRef, ChallengeRef, PaperView, ChallengeView, MissingView, ClaimPanelView, PanelView } from './panelViews';


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
  const reason = problem ? `its file has an error: ${problem.message} (${fileLine(problem.file, problem.line)})` : 'it is not in the corpus';
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

/**
 * What a panel page may ask to open: a paper or a challenge of the loaded corpus (the only links it
 * renders). Anything else (an id the corpus lacks, a claim of some other document) is not opened.
 */
export function mayOpenFromPanel(corpus: Corpus, target: PanelTarget): boolean {
  if (target.kind === 'paper') return corpus.papers.has(target.id);
  if (target.kind === 'challenge') return corpus.challenges.has(target.id) && (target.focus === undefined || corpus.papers.has(target.focus.paper));
  return false;
}
