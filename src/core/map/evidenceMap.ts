/**
 * The evidence map (issue 13): the taxonomy against the papers. A cell counts the quotes that link a paper
 * to a challenge; a marker shows where the talk's claims touch a challenge, with their verdicts. Pure: the
 * webview only draws what this builds, and the SVG export draws the same model.
 */
import { evidenceOf, quoteSelector, verdictOf, type Annotation } from '../annotations/model';
import { VERDICTS, type Claim, type Verdict } from '../claims/model';
import type { Corpus } from '../corpus/model';
import type { EvidenceMap, MapClaim, MapColumn, MapFilters, MapQuote, MapRow, MapTouch } from './model';

export type { EvidenceMap, MapClaim, MapColumn, MapFilters, MapQuote, MapRow, MapTouch } from './model';
import { shortAuthors } from '../panels/panelModels';
import { compareSectionIds } from '../tree/corpusTree';

/** Lower-case words: quotes copied with different quote marks, dashes or line breaks still compare equal. */
function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

const SHARED_RUN = 6;

function runsOf(text: string): Set<string> {
  const list = words(text);
  const runs = new Set<string>();
  if (list.length < SHARED_RUN) runs.add(list.join(' '));
  for (let i = 0; i + SHARED_RUN <= list.length; i++) runs.add(list.slice(i, i + SHARED_RUN).join(' '));
  return runs;
}

/**
 * A claim touches a challenge when it quotes a passage the corpus links to that challenge: the same paper
 * and a shared run of six words (so a claim quoting part of a linked passage, or a longer stretch around
 * it, counts; a claim quoting the same paper about something else does not).
 */
export function quotesOverlap(a: string, b: string, runs: (text: string) => Set<string> = runsOf): boolean {
  const ofA = runs(a);
  for (const run of runs(b)) if (ofA.has(run)) return true;
  return false;
}

/** runsOf, computed once per distinct text (a build compares each quote with many). */
function cachedRuns(): (text: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (text) => {
    let runs = cache.get(text);
    if (!runs) cache.set(text, (runs = runsOf(text)));
    return runs;
  };
}

export function mapClaimsFrom(bundled: readonly Claim[], annotations: readonly Annotation[]): MapClaim[] {
  return [
    ...bundled.map((claim) => ({ key: `bundled:${claim.id}`, text: claim.text, verdict: claim.verdict, evidence: claim.evidence.map(({ paper, page, quote }) => ({ paper, page, quote })) })),
    ...annotations.map((annotation) => ({
      key: `annotation:${annotation.id}`,
      text: quoteSelector(annotation).exact,
      verdict: verdictOf(annotation),
      evidence: evidenceOf(annotation).map(({ paper, page, quote }) => ({ paper, page, quote })),
    })),
  ];
}

function normalizedFilters(filters: MapFilters): Required<MapFilters> {
  return {
    verdicts: filters.verdicts?.filter((verdict) => VERDICTS.includes(verdict)) ?? [],
    papers: filters.papers ?? [],
    onlyCited: filters.onlyCited ?? false,
    collapsed: filters.collapsed ?? [],
  };
}

/** challenge → paper → the claims quoting one of that link's passages. */
type LinkTouches = Map<string, Map<string, { key: string; verdict: Verdict }[]>>;

/** For each (challenge, paper), the claims quoting one of its passages. */
function touchesByLink(corpus: Pick<Corpus, 'links'>, claims: readonly MapClaim[]): LinkTouches {
  const byPaper = new Map<string, { claim: MapClaim; quote: string }[]>();
  for (const claim of claims) for (const evidence of claim.evidence) byPaper.set(evidence.paper, [...(byPaper.get(evidence.paper) ?? []), { claim, quote: evidence.quote }]);
  const touches: LinkTouches = new Map();
  const runs = cachedRuns();
  for (const link of corpus.links) {
    const candidates = byPaper.get(link.paper);
    if (!candidates) continue;
    for (const { claim, quote } of candidates) {
      if (!link.evidence.some((evidence) => quotesOverlap(evidence.quote, quote, runs))) continue;
      const papers = touches.get(link.challenge) ?? new Map<string, { key: string; verdict: Verdict }[]>();
      const list = papers.get(link.paper) ?? [];
      if (!list.some((touch) => touch.key === claim.key)) list.push({ key: claim.key, verdict: claim.verdict });
      papers.set(link.paper, list);
      touches.set(link.challenge, papers);
    }
  }
  return touches;
}

export function buildEvidenceMap(corpus: Pick<Corpus, 'papers' | 'challenges' | 'links'>, talkClaims: readonly MapClaim[], requested: MapFilters = {}): EvidenceMap {
  const filters = normalizedFilters(requested);
  const claims = filters.verdicts.length > 0 ? talkClaims.filter((claim) => filters.verdicts.includes(claim.verdict)) : talkClaims;
  const citedPapers = new Set(claims.flatMap((claim) => claim.evidence.map((evidence) => evidence.paper)));
  const papers = [...corpus.papers.values()].sort((a, b) => a.year - b.year || shortAuthors(a.authors).localeCompare(shortAuthors(b.authors)) || a.id.localeCompare(b.id));
  const paperTotals = new Map<string, number>();
  for (const link of corpus.links) paperTotals.set(link.paper, (paperTotals.get(link.paper) ?? 0) + link.evidence.length);
  const shown = papers.filter((paper) => (filters.papers.length === 0 || filters.papers.includes(paper.id)) && (!filters.onlyCited || citedPapers.has(paper.id)));
  const columns: MapColumn[] = shown.map((paper) => ({ id: paper.id, label: `${shortAuthors(paper.authors)} ${paper.year}`, title: paper.title, total: paperTotals.get(paper.id) ?? 0, cited: citedPapers.has(paper.id) }));
  const columnIndex = new Map(columns.map((column, index) => [column.id, index]));

  const challenges = [...corpus.challenges.values()].sort((a, b) => compareSectionIds(a.id, b.id));
  const children = new Map<string, string[]>();
  for (const challenge of challenges) if (challenge.parent && corpus.challenges.has(challenge.parent)) children.set(challenge.parent, [...(children.get(challenge.parent) ?? []), challenge.id]);
  const subtree = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const own = new Map<string, number[]>();
  for (const link of corpus.links) {
    const column = columnIndex.get(link.paper);
    if (column === undefined) continue;
    const cells = own.get(link.challenge) ?? new Array<number>(columns.length).fill(0);
    cells[column]! += link.evidence.length;
    own.set(link.challenge, cells);
  }
  const touches = touchesByLink(corpus, claims);
  const collapsed = new Set(filters.collapsed);
  const rows: MapRow[] = [];
  let maxCount = 0;
  const visit = (id: string, depth: number) => {
    const challenge = corpus.challenges.get(id)!;
    const members = subtree(id);
    const cells = new Array<number>(columns.length).fill(0);
    for (const member of members) own.get(member)?.forEach((count, column) => (cells[column]! += count));
    // Only the few touched links are visited, not every column (500 papers × 30 challenges stays cheap).
    const byColumn = new Map<number, Map<string, { key: string; verdict: Verdict }>>();
    for (const member of members) {
      for (const [paper, list] of touches.get(member) ?? []) {
        const column = columnIndex.get(paper);
        if (column === undefined) continue;
        const claimsHere = byColumn.get(column) ?? new Map();
        for (const touch of list) claimsHere.set(touch.key, touch);
        byColumn.set(column, claimsHere);
      }
    }
    const rowTouches: MapTouch[] = [...byColumn].sort(([a], [b]) => a - b).map(([column, claimsHere]) => ({ column, claims: [...claimsHere.values()] }));
    const hasChildren = (children.get(id)?.length ?? 0) > 0;
    const isCollapsed = hasChildren && collapsed.has(id);
    const verdictSet = new Set(rowTouches.flatMap((touch) => touch.claims.map((claim) => claim.verdict)));
    rows.push({ id, title: challenge.title, depth, hasChildren, collapsed: isCollapsed, cells, total: cells.reduce((a, b) => a + b, 0), verdicts: VERDICTS.filter((verdict) => verdictSet.has(verdict)), touches: rowTouches });
    // Expanded sections are sums of the rows under them: shading follows the leaves, not the subtotals.
    if (!hasChildren || isCollapsed) maxCount = Math.max(maxCount, ...cells, 0);
    if (!isCollapsed) for (const child of children.get(id) ?? []) visit(child, depth + 1);
  };
  for (const challenge of challenges) if (!challenge.parent || !corpus.challenges.has(challenge.parent)) visit(challenge.id, 0);
  return {
    columns,
    rows,
    maxCount,
    totalQuotes: columns.reduce((sum, column) => sum + column.total, 0),
    allPapers: papers.map((paper) => ({ id: paper.id, label: `${shortAuthors(paper.authors)} ${paper.year}` })),
    filters,
    claims: claims.length,
  };
}


/** The quotes behind one cell: the paper's links to the challenge and to its sub-challenges. */
export function cellQuotes(corpus: Pick<Corpus, 'challenges' | 'links'>, talkClaims: readonly MapClaim[], challengeId: string, paperId: string): MapQuote[] {
  const inSubtree = (id: string | undefined): boolean => id === challengeId || (id !== undefined && inSubtree(corpus.challenges.get(id)?.parent));
  const runs = cachedRuns();
  const claimQuotes = talkClaims.flatMap((claim) => claim.evidence.filter((evidence) => evidence.paper === paperId).map((evidence) => ({ claim, quote: evidence.quote })));
  return corpus.links
    .filter((link) => link.paper === paperId && inSubtree(link.challenge))
    .sort((a, b) => compareSectionIds(a.challenge, b.challenge))
    .flatMap((link) =>
      link.evidence.map((evidence) => ({
        paper: paperId,
        challenge: link.challenge,
        challengeTitle: corpus.challenges.get(link.challenge)?.title ?? link.challenge,
        page: evidence.page,
        quote: evidence.quote,
        source: evidence.source,
        rationale: link.rationale,
        claims: [...new Map(claimQuotes.filter(({ quote }) => quotesOverlap(quote, evidence.quote, runs)).map(({ claim }) => [claim.key, { key: claim.key, text: claim.text, verdict: claim.verdict }])).values()],
      })),
    );
}
