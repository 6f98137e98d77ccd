import type { Corpus, Paper } from '../corpus/model';
import { compareSectionIds } from '../tree/corpusTree';
import { renderMarkdown, type MarkdownOptions } from '../render/markdown';
import { shortAuthors } from '../render/untrustedText';
import { englishTexts, say } from '../l10n/displayText';
import type { PanelTarget, PaperRef, ChallengeRef, MissingView, PanelView } from './panelViews';
import { fileLine } from '../common/location';
export type { PanelTarget, QuoteView, PaperRef, ChallengeRef, PaperView, ChallengeView, MissingView, ClaimPanelView, PanelView } from './panelViews';


/** Why a panel shows nothing (English defaults; the host passes them in the person's language). */
export const PANEL_MODEL_TEXT = englishTexts({
  claimGone: 'This claim is no longer in its document.',
  paperUnavailable: 'The paper "{0}" cannot be shown: {1}.',
  challengeUnavailable: 'The challenge "{0}" cannot be shown: {1}.',
  fileError: 'its file has an error: {0} ({1})',
  notInCorpus: 'it is not in the corpus',
});
export type PanelModelTexts = typeof PANEL_MODEL_TEXT;

/** Paper and challenge views come from the corpus; claim views from the document's claims (see features/claims). */
/** `imageUrl` makes images of the corpus folder visible in summaries (the webview's address of a file). */
export function buildPanelView(corpus: Corpus, target: PanelTarget, imageUrl?: MarkdownOptions['imageUrl'], texts: PanelModelTexts = PANEL_MODEL_TEXT): PanelView {
  if (target.kind === 'claim') return { kind: 'missing', target, message: say(texts, 'claimGone') };
  const markdown: MarkdownOptions = { imageFolder: corpus.root, imageUrl };
  return target.kind === 'paper' ? paperView(corpus, target.id, markdown, texts) : challengeView(corpus, target.id, markdown, texts, target.focus);
}

export { shortAuthors } from '../render/untrustedText';

export function paperRef(paper: Paper): PaperRef {
  return { id: paper.id, title: paper.title, authorsShort: shortAuthors(paper.authors), year: paper.year, version: paper.version };
}

function missing(corpus: Corpus, target: Exclude<PanelTarget, { kind: 'claim' }>, texts: PanelModelTexts): MissingView {
  const problem = corpus.problems.find((p) => p.id === target.id && p.kind === target.kind);
  const reason = problem ? say(texts, 'fileError', problem.message, fileLine(problem.file, problem.line)) : say(texts, 'notInCorpus');
  return { kind: 'missing', target, message: say(texts, target.kind === 'paper' ? 'paperUnavailable' : 'challengeUnavailable', target.id, reason) };
}

function paperView(corpus: Corpus, id: string, markdown: MarkdownOptions, texts: PanelModelTexts): PanelView {
  const paper = corpus.papers.get(id);
  if (!paper) return missing(corpus, { kind: 'paper', id }, texts);
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

function challengeView(corpus: Corpus, id: string, markdown: MarkdownOptions, texts: PanelModelTexts, focus?: { paper: string; quote: number }): PanelView {
  const challenge = corpus.challenges.get(id);
  if (!challenge) return missing(corpus, { kind: 'challenge', id }, texts);
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
