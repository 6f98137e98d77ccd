/// <reference lib="dom" />
import type { ChallengeView, ClaimPanelView, MissingView, PaperView, QuoteView } from '../core/panels/panelViews';
import type { HostToPanel, PanelState, PanelTarget } from '../protocol/panel';
import { PANEL_TEXT } from '../protocol/webviewText';
import { el, pageTexts, titleText, vsCodeApi } from './dom';

const vscode = vsCodeApi<PanelState>();
const root = document.getElementById('root')!;
const t = pageTexts(PANEL_TEXT);
let restoredScroll = vscode.getState()?.scrollY;

function openLink(text: string, target: PanelTarget, className = ''): HTMLAnchorElement {
  return titleText('a', { href: '#', class: `open-link ${className}`.trim(), 'data-open-kind': target.kind, 'data-open-id': target.id }, text);
}

/** markdown-it output (raw HTML disabled host-side) parsed inertly, then adopted. */
function markdownBlock(html: string): HTMLElement {
  const container = el('div', { class: 'markdown' });
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  container.append(...Array.from(parsed.body.childNodes));
  return container;
}

function quoteBlock(quote: QuoteView, focused: boolean, paper: string, challenge: string): HTMLElement {
  const meta = el('div', { class: 'quote-meta' }, t('page', quote.page));
  if (quote.source === 'transcription') meta.append(el('span', { class: 'badge unverified', title: t('unverifiedTitle') }, t('unverified')));
  const show = el('button', { class: 'copy', type: 'button', 'data-excerpt': JSON.stringify({ paper, quote: quote.quote, page: quote.page, challenge, source: quote.source }), title: t('showInPdfTitle') }, t('showInPdf'));
  const copy = el('button', { class: 'copy', type: 'button', 'data-copy': quote.quote, title: t('copyTitle') }, t('copy'));
  meta.append(show, copy);
  return el('blockquote', { class: focused ? 'quote focused' : 'quote' }, el('p', {}, quote.quote), meta);
}

function header(kindLabel: string, title: string, subtitle?: string): HTMLElement {
  return el('header', {}, el('div', { class: 'kind' }, kindLabel), titleText('h1', {}, title), subtitle ? el('div', { class: 'subtitle' }, subtitle) : undefined);
}

function renderPaper(view: PaperView): Node[] {
  const { paper } = view;
  const meta = el(
    'dl',
    { class: 'meta' },
    el('dt', {}, t('authors')), el('dd', {}, paper.authors.join(', ')),
    el('dt', {}, t('venue')), el('dd', {}, `${paper.venue}, ${paper.year}`),
    el('dt', {}, 'arXiv'), el('dd', {}, el('a', { href: paper.pdfUrl }, `${paper.id}${paper.version}`), t('pinned')),
    el('dt', {}, t('citationKey')), el('dd', {}, el('code', {}, paper.bibtexKey)),
  );
  if (paper.sha256) meta.append(el('dt', {}, t('pdfHash')), el('dd', {}, el('code', { class: 'hash' }, paper.sha256)));
  const challenges = el('section', { class: 'links' }, el('h2', {}, t('challengesItInforms', view.challenges.length)));
  if (view.challenges.length === 0) challenges.append(el('p', { class: 'empty' }, t('noChallenges')));
  for (const challenge of view.challenges) {
    challenges.append(
      el('article', { class: 'link' },
        el('h3', {}, openLink(`§${challenge.id} ${challenge.title}`, { kind: 'challenge', id: challenge.id })),
        el('p', { class: 'rationale' }, challenge.rationale),
        ...challenge.quotes.map((quote) => quoteBlock(quote, false, paper.id, challenge.id))),
    );
  }
  return [
    header(t('paper'), paper.title, `${paper.authorsShort} · ${paper.year}`),
    meta,
    el('section', { class: 'summary' }, el('h2', {}, t('summary')), markdownBlock(view.summaryHtml)),
    challenges,
    sourceButton(view.file),
  ];
}

function renderChallenge(view: ChallengeView): Node[] {
  const { challenge } = view;
  const crumbs = el('nav', { class: 'breadcrumb' }, el('span', {}, 'Casper et al. 2023'));
  for (const crumb of view.breadcrumb) crumbs.append(' › ', openLink(`§${crumb.id} ${crumb.title}`, { kind: 'challenge', id: crumb.id }));
  const parts: Node[] = [crumbs, header(t('challenge'), `§${challenge.id} ${challenge.title}`)];
  if (challenge.problems.length > 0) {
    parts.push(el('ul', { class: 'problems' }, ...challenge.problems.map((problem) => el('li', {}, el('span', { class: `badge ${problem.kind}` }, t(problem.kind)), ' ', problem.title))));
  }
  parts.push(el('section', { class: 'description' }, markdownBlock(view.descriptionHtml)));
  if (view.subChallenges.length > 0) {
    parts.push(el('section', { class: 'subchallenges' }, el('h2', {}, t('subChallenges')),
      el('ul', {}, ...view.subChallenges.map((sub) => el('li', {}, openLink(`§${sub.id} ${sub.title}`, { kind: 'challenge', id: sub.id }), t.count('subChallengePapers', sub.paperCount))))));
  }
  const papers = el('section', { class: 'links' }, el('h2', {}, t('papersThatDiscussIt', view.papers.length)));
  if (view.papers.length === 0 && view.subChallenges.length === 0) papers.append(el('p', { class: 'empty' }, t('noPapers')));
  for (const paper of view.papers) {
    papers.append(
      el('article', { class: 'link' },
        el('h3', {}, openLink(paper.title, { kind: 'paper', id: paper.id }), el('span', { class: 'byline' }, ` ${paper.authorsShort} ${paper.year}, arXiv ${paper.id}${paper.version}`)),
        el('p', { class: 'rationale' }, paper.rationale),
        ...paper.quotes.map((quote, index) => quoteBlock(quote, view.focus?.paper === paper.id && view.focus.quote === index, paper.id, challenge.id))),
    );
  }
  if (view.papers.length > 0 || view.subChallenges.length === 0) parts.push(papers);
  parts.push(sourceButton(view.file));
  return parts;
}

function renderMissing(view: MissingView): Node[] {
  return [header(t('notAvailable'), view.target.id), el('p', { class: 'error', role: 'alert' }, view.message)];
}

/** A claim with all its evidence side by side, each quote openable in its PDF. */
function renderClaim(view: ClaimPanelView): Node[] {
  const cards = el('section', { class: 'evidence-grid' });
  for (const evidence of view.evidence) {
    const title = 'authorsShort' in evidence.paper ? `${evidence.paper.authorsShort} ${evidence.paper.year}` : evidence.paper.title;
    cards.append(
      el('article', { class: 'evidence-card' },
        el('h3', {}, openLink(title, { kind: 'paper', id: evidence.paper.id })),
        quoteBlock(evidence, false, evidence.paper.id, '')),
    );
  }
  if (view.evidence.length === 0) cards.append(el('p', { class: 'empty' }, t('noEvidence')));
  return [
    header(t('claim'), view.text, view.documentName),
    el('p', { class: `status verdict-${view.verdict}`, role: 'status' }, el('strong', {}, view.verdictLabel), ` · ${view.summary}`),
    ...(view.gloss ? [el('p', { class: 'gloss' }, el('em', {}, view.gloss))] : []),
    ...(view.rationale ? [el('p', { class: 'rationale' }, view.rationale)] : []),
    ...(view.note ? [el('p', { class: 'note' }, t('note', view.note))] : []),
    el('h2', {}, t('evidence', view.evidence.length)),
    cards,
  ];
}

function sourceButton(file: string): HTMLElement {
  return el('footer', {}, el('button', { type: 'button', class: 'secondary', 'data-source-file': file }, t('editCorpusFile')));
}

function render(message: Extract<HostToPanel, { type: 'render' }>): void {
  const { view } = message;
  const nodes = view.kind === 'paper' ? renderPaper(view) : view.kind === 'challenge' ? renderChallenge(view) : view.kind === 'claim' ? renderClaim(view) : renderMissing(view);
  root.replaceChildren(...nodes);
  root.dataset.kind = view.kind;
  const target: PanelTarget = view.kind === 'paper' ? { kind: 'paper', id: view.paper.id } : view.kind === 'challenge' ? { kind: 'challenge', id: view.challenge.id, focus: view.focus } : view.target;
  vscode.setState({ target, scrollY: restoredScroll ?? 0 });
  const focused = root.querySelector('.quote.focused');
  if (focused) focused.scrollIntoView({ block: 'center' });
  else if (restoredScroll) window.scrollTo(0, restoredScroll);
  restoredScroll = undefined;
}

window.addEventListener('message', (event: MessageEvent<HostToPanel>) => {
  if (event.data?.type === 'render') render(event.data);
});

document.addEventListener('click', (event) => {
  const element = (event.target as Element | null)?.closest<HTMLElement>('[data-open-kind], [data-copy], [data-source-file], [data-excerpt]');
  if (!element) return;
  event.preventDefault();
  const { openKind, openId, copy, sourceFile, excerpt } = element.dataset;
  if (excerpt) {
    vscode.postMessage({ type: 'openExcerpt', target: JSON.parse(excerpt) });
    return;
  }
  if ((openKind === 'paper' || openKind === 'challenge') && openId) vscode.postMessage({ type: 'open', target: { kind: openKind, id: openId } });
  else if (copy !== undefined) vscode.postMessage({ type: 'copy', text: copy });
  else if (sourceFile) vscode.postMessage({ type: 'openSourceFile', file: sourceFile });
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    const state = vscode.getState();
    if (state) vscode.setState({ ...state, scrollY: window.scrollY });
  }, 150);
});

vscode.postMessage({ type: 'ready' });
